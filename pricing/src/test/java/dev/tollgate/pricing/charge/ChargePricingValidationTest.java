package dev.tollgate.pricing.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChargePricingValidationTest {

    private static List<FieldError> errors(String model, Map<String, Object> properties) {
        return assertThrows(InvalidPricingException.class, () -> ChargePricing.parse(model, properties)).errors();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).collect(Collectors.toList());
    }

    private static FieldError only(String model, Map<String, Object> properties) {
        final List<FieldError> errors = errors(model, properties);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.get(0);
    }

    @Test
    void shouldRejectUnknownModel() {
        assertEquals("model", only("tiered", Props.of()).field());
        assertEquals("model", only(null, Props.of()).field());
    }

    @ParameterizedTest(name = "amount {0}")
    @CsvSource({"-1, must not be negative", "abc, must be a decimal number", "'', must be a decimal number",
        "' 1', must be a decimal number"})
    void shouldRejectBadStandardAmount(String amount, String message) {
        final FieldError error = only("standard", Props.of("amount", amount));
        assertEquals("properties.amount", error.field());
        assertTrue(error.message().startsWith(message), error.message());
    }

    @Test
    void shouldRejectValuesThatAreNeitherNumbersNorStrings() {
        assertEquals("properties.amount", only("standard", Props.of("amount", true)).field());
        assertEquals("properties.amount", only("standard", Props.of("amount", List.of("1"))).field());
        assertEquals("properties.amount", only("standard", Props.of()).field());
    }

    @Test
    void shouldReportOverlappingAndGappedRangesWithTheirPaths() {
        final List<FieldError> errors = errors("graduated", Props.of("graduated_ranges", Props.ranges(
                Props.range(1, 10, "per_unit_amount", "1", "0"),
                Props.range(5, 20, "per_unit_amount", "1", "0"),
                Props.range(30, 40, "per_unit_amount", "-1", "0"),
                Props.range(40, 50, "per_unit_amount", "1", "-2"),
                Props.range(51, 60, "per_unit_amount", "1", "0"))));
        assertEquals(List.of(
                "properties.graduated_ranges[0].from_value",
                "properties.graduated_ranges[1].from_value",
                "properties.graduated_ranges[2].from_value",
                "properties.graduated_ranges[2].per_unit_amount",
                "properties.graduated_ranges[3].flat_amount",
                "properties.graduated_ranges[4].to_value"), fields(errors));
        assertEquals("must be 0: the first range starts at zero units", errors.get(0).message());
        assertEquals("overlaps the previous range (which ends at 10): expected 10 or 11", errors.get(1).message());
        assertEquals("leaves a gap after the previous range (which ends at 20): expected 20 or 21",
                errors.get(2).message());
        assertEquals("must be null: the last range is open-ended so that every unit has a price",
                errors.get(5).message());
    }

    @Test
    void shouldRequireOpenLastRangeAndIncreasingBounds() {
        final List<FieldError> errors = errors("volume", Props.of("volume_ranges", Props.ranges(
                Props.range(0, null, "per_unit_amount", "1", "0"),
                Props.range(1, 1, "per_unit_amount", "1", "0"),
                Props.range(2, null, "per_unit_amount", "1", "0"))));
        assertEquals(List.of("properties.volume_ranges[0].to_value", "properties.volume_ranges[1].to_value"),
                fields(errors));
    }

    @Test
    void shouldRejectAdjacentVolumeRangesAsLagoDoes() {
        final FieldError error = only("volume", Props.of("volume_ranges", Props.ranges(
                Props.range(0, 100, "per_unit_amount", "1", "0"),
                Props.range(100, null, "per_unit_amount", "1", "0"))));
        assertEquals("properties.volume_ranges[1].from_value", error.field());
        assertEquals("overlaps the previous range (which ends at 100): expected 101", error.message());
    }

    @Test
    void shouldRequireRanges() {
        assertEquals("properties.graduated_ranges", only("graduated", Props.of()).field());
        assertEquals("properties.volume_ranges", only("volume", Props.of("volume_ranges", List.of())).field());
        assertEquals("properties.graduated_percentage_ranges[0]",
                only("graduated_percentage", Props.of("graduated_percentage_ranges", List.of("x"))).field());
    }

    @ParameterizedTest(name = "package_size {0}")
    @CsvSource({"0", "-10", "2.5", "ten"})
    void shouldRejectPackageSizeThatIsNotAPositiveWholeNumber(String size) {
        assertEquals("properties.package_size",
                only("package", Props.of("amount", "1", "package_size", size)).field());
    }

    @Test
    void shouldRejectNegativeFreeUnitsAndMissingPackageSize() {
        assertEquals(List.of("properties.package_size", "properties.free_units"),
                fields(errors("package", Props.of("amount", "1", "free_units", -1))));
    }

    @ParameterizedTest(name = "rate {0}")
    @CsvSource({"-0.1", "100.01", "250"})
    void shouldRejectRateOutsideZeroToHundred(String rate) {
        final FieldError error = only("percentage", Props.of("rate", rate));
        assertEquals("properties.rate", error.field());
        assertTrue(error.message().startsWith("must"), error.message());
        assertEquals("properties.graduated_percentage_ranges[0].rate", only("graduated_percentage",
                Props.of("graduated_percentage_ranges", Props.ranges(Props.range(0, null, "rate", rate, "0"))))
                .field());
    }

    @Test
    void shouldCollectEveryPercentageError() {
        final List<FieldError> errors = errors("percentage", Props.of("rate", "101", "fixed_amount", "-1",
                "free_units_per_events", 0, "free_units_per_total_aggregation", "x",
                "per_transaction_min_amount", "5", "per_transaction_max_amount", "4"));
        assertEquals(List.of("properties.rate", "properties.fixed_amount", "properties.free_units_per_events",
                "properties.free_units_per_total_aggregation", "properties.per_transaction_max_amount"),
                fields(errors));
    }

    @Test
    void shouldValidatePricingGroupKeysAlongsideTheModel() {
        final List<FieldError> errors = errors("standard", Props.of("amount", "-1", "pricing_group_keys",
                List.of("region", "")));
        assertEquals(List.of("properties.amount", "properties.pricing_group_keys[1]"), fields(errors));
        final ChargeDefinition definition = ChargeDefinition.parse("standard",
                Props.of("amount", "1", "grouped_by", List.of("region")));
        assertEquals(List.of("region"), definition.pricingGroupKeys());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e-10000", "1e1000000", "0.0000000000000000000000000000001"})
    void shouldRefuseDecimalsPastTheBoundsInEveryProperty(String value) {
        assertEquals(new FieldError("properties.amount", Decimals.BOUNDS_MESSAGE),
                only("standard", Props.of("amount", value)));
        assertEquals(new FieldError("properties.package_size", Decimals.BOUNDS_MESSAGE),
                only("package", Props.of("amount", "1", "package_size", value)));
        assertEquals(new FieldError("properties.free_units_per_events", Decimals.BOUNDS_MESSAGE),
                only("percentage", Props.of("rate", "1", "free_units_per_events", value)));
        assertEquals(new FieldError("properties.graduated_ranges[0].per_unit_amount", Decimals.BOUNDS_MESSAGE),
                only("graduated", Props.of("graduated_ranges", Props.ranges(
                        Props.range(0, null, "per_unit_amount", value, "0")))));
        assertEquals(new FieldError("properties.volume_ranges[1].from_value", Decimals.BOUNDS_MESSAGE),
                only("volume", Props.of("volume_ranges", Props.ranges(
                        Props.range(0, 10, "per_unit_amount", "1", "0"),
                        Props.range(value, null, "per_unit_amount", "1", "0")))));
    }

    @Test
    void shouldRefuseANumberOfAMillionDigitsWithoutParsingIt() {
        assertEquals(new FieldError("properties.amount", Decimals.BOUNDS_MESSAGE),
                only("standard", Props.of("amount", "1".repeat(1_000_000))));
        assertEquals(new FieldError("properties.free_units", Decimals.BOUNDS_MESSAGE),
                only("package", Props.of("amount", "1", "package_size", 1, "free_units", "1".repeat(1_000_000))));
    }

    @Test
    void shouldAcceptRateBoundsAndZeroAmounts() {
        ChargePricing.parse("percentage", Props.of("rate", "0"));
        ChargePricing.parse("percentage", Props.of("rate", 100));
        ChargePricing.parse("standard", Props.of("amount", "0"));
        ChargePricing.parse("dynamic", null);
    }
}
