package dev.tollgate.pricing.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MeterReadingsTest {

    private static final Instant AT = Instant.parse("2026-02-01T00:00:00Z");

    private static FieldError error(Aggregation aggregation, Map<String, Object> properties) {
        return assertThrows(InvalidPricingException.class,
                () -> MeterReadings.read(aggregation, "seconds", properties, AT)).errors().get(0);
    }

    @Test
    void shouldNameAggregationsAsLagoDoes() {
        assertEquals(List.of("count", "sum", "max", "unique_count", "latest"),
                Arrays.stream(Aggregation.values()).map(Aggregation::wireName).toList());
        assertEquals(Aggregation.UNIQUE_COUNT, Aggregation.fromWire("unique_count"));
        assertEquals("aggregation", assertThrows(InvalidPricingException.class,
                () -> Aggregation.fromWire("weighted_sum")).errors().get(0).field());
        assertEquals("aggregation", assertThrows(InvalidPricingException.class,
                () -> Aggregation.fromWire(null)).errors().get(0).field());
        assertFalse(Aggregation.COUNT.needsField());
        assertTrue(Aggregation.LATEST.needsField());
    }

    @Test
    void shouldCountEventsWithoutReadingProperties() {
        final MeterReading reading = MeterReadings.read(Aggregation.COUNT, null, null, AT);
        assertEquals(0, BigDecimal.ONE.compareTo(reading.value()));
        assertNull(reading.distinctValue());
        assertNull(reading.ownAmount());
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"SUM", "MAX", "LATEST"})
    void shouldReadNumbersAndDecimalStrings(Aggregation aggregation) {
        assertEquals(new BigDecimal("12.5"),
                MeterReadings.read(aggregation, "seconds", Map.of("seconds", "12.5"), AT).value());
        assertEquals(new BigDecimal("0.1"),
                MeterReadings.read(aggregation, "seconds", Map.of("seconds", 0.1d), AT).value());
        assertEquals(new BigDecimal("7"),
                MeterReadings.read(aggregation, "seconds", Map.of("seconds", 7L), AT).value());
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"SUM", "MAX", "LATEST"})
    void shouldRejectMissingOrNonNumericFields(Aggregation aggregation) {
        final FieldError missing = error(aggregation, Map.of("other", 1));
        assertEquals("properties.seconds", missing.field());
        assertEquals("is required by the meter and missing", missing.message());
        assertEquals("properties.seconds", error(aggregation, Map.of("seconds", "ten")).field());
        assertEquals("properties.seconds", error(aggregation, Map.of("seconds", true)).field());
        final Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("seconds", null);
        assertEquals("properties.seconds", error(aggregation, nullValue).field());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e-10000", "1e1000000", "1e100000000", "0.0000000000000000000000000000001",
        "1000000000000000000000000000000"})
    void shouldRejectNumbersPastTheBoundsBeforeTheyReachAnAggregate(String value) {
        final FieldError error = error(Aggregation.SUM, Map.of("seconds", value));
        assertEquals("properties.seconds", error.field());
        assertEquals(Decimals.BOUNDS_MESSAGE, error.message());
        assertEquals(Decimals.BOUNDS_MESSAGE, error(Aggregation.MAX, Map.of("seconds", new BigDecimal(value)))
                .message());
    }

    @Test
    void shouldRejectFiveThousandDigitsAndQuoteOnlyTheirStart() {
        assertEquals(Decimals.BOUNDS_MESSAGE, error(Aggregation.LATEST, Map.of("seconds", "9".repeat(5_000)))
                .message());
        final FieldError notANumber = error(Aggregation.SUM, Map.of("seconds", "x".repeat(5_000)));
        assertTrue(notANumber.message().length() < 200, notANumber.message());
        assertEquals(Decimals.BOUNDS_MESSAGE, assertThrows(InvalidPricingException.class,
                () -> MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false, Map.of("n", 1), AT, "1e-10000", "USD"))
                .errors().get(0).message());
    }

    @Test
    void shouldCountTheStringFormOfUniqueValues() {
        assertEquals("42", MeterReadings.read(Aggregation.UNIQUE_COUNT, "user", Map.of("user", 42), AT)
                .distinctValue());
        assertEquals("properties.user", assertThrows(InvalidPricingException.class,
                () -> MeterReadings.read(Aggregation.UNIQUE_COUNT, "user", Map.of(), AT)).errors().get(0).field());
        assertEquals("properties.user", assertThrows(InvalidPricingException.class,
                () -> MeterReadings.read(Aggregation.UNIQUE_COUNT, "user", Map.of("user", List.of(1)), AT))
                .errors().get(0).field());
    }

    @Test
    void shouldConvertTheOwnAmountFromCentsInTheCurrencysMinorUnit() {
        assertEquals(0, new BigDecimal("0.402").compareTo(MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false,
                Map.of("n", 1), AT, "40.2", "USD").ownAmount()));
        assertEquals(0, new BigDecimal("1500").compareTo(MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false,
                Map.of("n", 1), AT, 1500, "JPY").ownAmount()));
        assertEquals(0, new BigDecimal("1.5").compareTo(MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false,
                Map.of("n", 1), AT, "1500", "KWD").ownAmount()));
        // Cents are ISO 4217 subunits, as Lago's subunit_to_unit: 150000 IDR cents are 1500 IDR, although IDR
        // statements keep whole rupiah
        assertEquals(0, new BigDecimal("1500").compareTo(MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false,
                Map.of("n", 1), AT, 150000, "IDR").ownAmount()));
        assertEquals(0, BigDecimal.ZERO.compareTo(MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false,
                Map.of("n", 1), AT, null, "USD").ownAmount()));
        assertEquals("precise_total_amount_cents", assertThrows(InvalidPricingException.class,
                () -> MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false, Map.of("n", 1), AT, "x", "USD"))
                .errors().get(0).field());
    }

    @Test
    void shouldRequireATimestamp() {
        assertEquals("timestamp", assertThrows(InvalidPricingException.class,
                () -> MeterReadings.read(Aggregation.COUNT, null, Map.of(), null)).errors().get(0).field());
    }

    @Test
    void shouldRefuseNegativeValuesOnSumMetersThatDoNotAllowThem() {
        final InvalidPricingException refused = assertThrows(InvalidPricingException.class,
                () -> MeterReadings.read(Aggregation.SUM, "seconds", Map.of("seconds", -5), AT));
        assertEquals("properties.seconds", refused.errors().get(0).field());
        assertTrue(refused.errors().get(0).message().contains("allow_negative"), refused.errors().get(0).message());
        assertEquals(0, new BigDecimal("-5").compareTo(
                MeterReadings.read(Aggregation.SUM, "seconds", true, Map.of("seconds", -5), AT).value()));
        assertEquals(0, BigDecimal.ZERO.compareTo(
                MeterReadings.read(Aggregation.SUM, "seconds", Map.of("seconds", "-0.0"), AT).value()));
        // max and latest take a negative value as it is: a temperature, a balance
        assertEquals(0, new BigDecimal("-3").compareTo(
                MeterReadings.read(Aggregation.MAX, "t", Map.of("t", -3), AT).value()));
        assertEquals(0, new BigDecimal("-3").compareTo(
                MeterReadings.read(Aggregation.LATEST, "t", Map.of("t", -3), AT).value()));
    }

    @Test
    void shouldRefuseANegativeOwnAmountUnlessTheMeterAllowsNegativeValues() {
        assertEquals("precise_total_amount_cents", assertThrows(InvalidPricingException.class,
                () -> MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", false, Map.of("n", 1), AT, "-10", "USD"))
                .errors().get(0).field());
        assertEquals(0, new BigDecimal("-0.10").compareTo(MeterReadings.readWithOwnAmount(Aggregation.SUM, "n", true,
                Map.of("n", 1), AT, "-10", "USD").ownAmount()));
    }
}
