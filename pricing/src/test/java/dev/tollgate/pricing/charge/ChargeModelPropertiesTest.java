package dev.tollgate.pricing.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model takes its own properties (Lago's names) and refuses any other with the property's path. */
class ChargeModelPropertiesTest {

    private static List<FieldError> errors(String model, Map<String, Object> properties) {
        return assertThrows(InvalidPricingException.class, () -> ChargePricing.parse(model, properties)).errors();
    }

    private static FieldError only(String model, Map<String, Object> properties) {
        final List<FieldError> errors = errors(model, properties);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.get(0);
    }

    /** Each model with every property it takes, pricing_group_keys included. */
    static Stream<Arguments> everyPropertyOfEachModel() {
        return Stream.of(
                Arguments.of("standard", Props.of("amount", "0.01", "pricing_group_keys", List.of("region"))),
                Arguments.of("graduated", Props.of("graduated_ranges", Props.ranges(
                        Props.range(0, 10, "per_unit_amount", "1", "0"),
                        Props.range(11, null, "per_unit_amount", "0.5", "2")))),
                Arguments.of("volume", Props.of("volume_ranges", Props.ranges(
                        Props.range(0, 10, "per_unit_amount", "1", "0"),
                        Props.range(11, null, "per_unit_amount", "0.5", "2")))),
                Arguments.of("package", Props.of("amount", "5", "package_size", 10, "free_units", 100)),
                Arguments.of("percentage", Props.of("rate", "2.5", "fixed_amount", "0.25", "free_units_per_events",
                        3, "free_units_per_total_aggregation", "100", "per_transaction_min_amount", "0.1",
                        "per_transaction_max_amount", "9")),
                Arguments.of("graduated_percentage", Props.of("graduated_percentage_ranges", Props.ranges(
                        Props.range(0, 10, "rate", "1", "0"), Props.range(11, null, "rate", "0.5", "2")))),
                Arguments.of("dynamic", Props.of("grouped_by", List.of("region"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPropertyOfEachModel")
    void shouldTakeEveryPropertyOfItsModel(String model, Map<String, Object> properties) {
        assertEquals(model, ChargePricing.parse(model, properties).type().wireName());
    }

    /** model, properties, the field refused, the start of its message. */
    static Stream<Arguments> propertiesOfOtherModels() {
        return Stream.of(
                Arguments.of("standard", Props.of("amount", "1", "free_units", 100), "properties.free_units",
                        "is not a property of the standard model, which takes amount, pricing_group_keys;"
                                + " free_units belongs to the package model"),
                Arguments.of("standard", Props.of("amount", "1", "package_size", 10), "properties.package_size",
                        "is not a property of the standard model"),
                Arguments.of("graduated", Props.of("graduated_ranges", Props.ranges(
                        Props.range(0, null, "per_unit_amount", "1", "0")), "free_units", 5),
                        "properties.free_units", "is not a property of the graduated model"),
                Arguments.of("graduated", Props.of("graduated_ranges", Props.ranges(
                        Props.range(0, null, "per_unit_amount", "1", "0")), "package_size", 5),
                        "properties.package_size", "is not a property of the graduated model"),
                Arguments.of("volume", Props.of("volume_ranges", Props.ranges(
                        Props.range(0, null, "per_unit_amount", "1", "0")), "free_units", 5),
                        "properties.free_units", "is not a property of the volume model"),
                Arguments.of("volume", Props.of("volume_ranges", Props.ranges(
                        Props.range(0, null, "per_unit_amount", "1", "0")), "package_size", 5),
                        "properties.package_size", "is not a property of the volume model"),
                Arguments.of("package", Props.of("amount", "1", "package_size", 1, "rate", "2"),
                        "properties.rate", "is not a property of the package model"),
                Arguments.of("percentage", Props.of("rate", "1", "amount", "2"), "properties.amount",
                        "is not a property of the percentage model"),
                Arguments.of("graduated_percentage", Props.of("graduated_percentage_ranges", Props.ranges(
                        Props.range(0, null, "rate", "1", "0")), "rate", "1"),
                        "properties.rate", "is not a property of the graduated_percentage model"),
                Arguments.of("dynamic", Props.of("amount", "1"), "properties.amount",
                        "is not a property of the dynamic model, which takes pricing_group_keys"),
                Arguments.of("standard", Props.of("amount", "1", "amonut", "2"), "properties.amonut",
                        "is not a property of the standard model"),
                Arguments.of("standard", Props.of("amount", "1", "presentation_group_keys", List.of("a")),
                        "properties.presentation_group_keys", "is not supported"),
                Arguments.of("standard", Props.of("amount", "1", "custom_properties", Map.of()),
                        "properties.custom_properties", "is not supported"),
                Arguments.of("standard", Props.of("amount", "1", "pricing_group_keys", List.of("a"), "grouped_by",
                        List.of("b")), "properties.grouped_by", "is the former name of pricing_group_keys"),
                Arguments.of("standard", Props.of("amount", "1", "free_units", null), "properties.free_units",
                        "is not a property of the standard model"),
                Arguments.of("graduated", Props.of("graduated_ranges", Props.ranges(Props.of("from_value", 0,
                        "to_value", null, "per_unit_amount", "1", "flat_amount", "0", "per_unit", "2"))),
                        "properties.graduated_ranges[0].per_unit", "is not a field of a range of graduated_ranges,"
                                + " which takes from_value, to_value, per_unit_amount, flat_amount"),
                Arguments.of("volume", Props.of("volume_ranges", Props.ranges(Props.of("from_value", 0,
                        "to_value", null, "per_unit_amount", "1", "flat_amount", "0", "rate", "2"))),
                        "properties.volume_ranges[0].rate", "is not a field of a range of volume_ranges"),
                Arguments.of("graduated_percentage", Props.of("graduated_percentage_ranges", Props.ranges(
                        Props.of("from_value", 0, "to_value", null, "rate", "1", "flat_amount", "0",
                                "per_unit_amount", "2"))),
                        "properties.graduated_percentage_ranges[0].per_unit_amount",
                        "is not a field of a range of graduated_percentage_ranges"),
                Arguments.of("standard", Props.of("amount", "1", "\ud800bad\u0000", 1),
                        "properties.\\ud800bad\\u0000", "is not a property of the standard model"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("propertiesOfOtherModels")
    void shouldRefuseAPropertyItsModelDoesNotTake(String model, Map<String, Object> properties, String field,
            String message) {
        final FieldError error = only(model, properties);
        assertEquals(field, error.field());
        assertTrue(error.message().startsWith(message), error.message());
    }

    @Test
    void shouldReportEveryUnknownPropertyBesideOtherErrors() {
        final List<FieldError> errors = errors("standard", Props.of("amount", "-1", "free_units", 1,
                "package_size", 2));
        assertEquals(List.of("properties.amount", "properties.free_units", "properties.package_size"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void shouldCutAVeryLongUnknownNameInItsError() {
        final String name = "x".repeat(10_000);
        final FieldError error = only("standard", Props.of("amount", "1", name, 1));
        assertEquals("properties." + "x".repeat(64) + "...", error.field());
    }

    /** model, properties, the field past the bounds. */
    static Stream<Arguments> decimalsPastTheBounds() {
        final String digits = "9".repeat(5_000);
        return Stream.of(
                Arguments.of("standard", Props.of("amount", "1e-10000"), "properties.amount"),
                Arguments.of("standard", Props.of("amount", "1e1000000"), "properties.amount"),
                Arguments.of("standard", Props.of("amount", digits), "properties.amount"),
                Arguments.of("standard", Props.of("amount", new BigDecimal("1e31")), "properties.amount"),
                Arguments.of("standard", Props.of("amount", "0." + "1".repeat(31)), "properties.amount"),
                Arguments.of("package", Props.of("amount", "1", "package_size", "1e1000000"),
                        "properties.package_size"),
                Arguments.of("package", Props.of("amount", "1", "package_size", 1, "free_units",
                        new BigInteger(digits)), "properties.free_units"),
                Arguments.of("percentage", Props.of("rate", "1e-10000"), "properties.rate"),
                Arguments.of("percentage", Props.of("rate", "1", "free_units_per_events", "1e40"),
                        "properties.free_units_per_events"),
                Arguments.of("percentage", Props.of("rate", "1", "per_transaction_max_amount", digits),
                        "properties.per_transaction_max_amount"),
                Arguments.of("graduated", Props.of("graduated_ranges", Props.ranges(
                        Props.range(0, "1e1000000", "per_unit_amount", "1", "0"),
                        Props.range("1e1000000", null, "per_unit_amount", "1", "0"))),
                        "properties.graduated_ranges[0].to_value"),
                Arguments.of("volume", Props.of("volume_ranges", Props.ranges(
                        Props.range(0, null, "per_unit_amount", "1", "1e-10000"))),
                        "properties.volume_ranges[0].flat_amount"),
                Arguments.of("graduated_percentage", Props.of("graduated_percentage_ranges", Props.ranges(
                        Props.range(0, null, "rate", "1e-31", "0"))),
                        "properties.graduated_percentage_ranges[0].rate"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("decimalsPastTheBounds")
    void shouldRefuseDecimalsPastTheBounds(String model, Map<String, Object> properties, String field) {
        final List<FieldError> errors = errors(model, properties);
        assertEquals(field, errors.get(0).field(), errors::toString);
        assertEquals(Decimals.BOUNDS_MESSAGE, errors.get(0).message());
    }

    @Test
    void shouldTakeDecimalsAtTheBounds() {
        final String widest = "9".repeat(Decimals.MAX_INTEGER_DIGITS) + "." + "9".repeat(Decimals.MAX_SCALE);
        assertEquals(0, new BigDecimal(widest).compareTo(((StandardPricing) ChargePricing.parse("standard",
                Props.of("amount", widest))).amount()));
    }

    @Test
    void shouldBoundTheRangesAndGroupKeysOfACharge() {
        final List<Map<String, Object>> ranges = new ArrayList<>();
        for (int i = 0; i <= PropertyReader.MAX_RANGES; i++) {
            ranges.add(Props.range(i, i == PropertyReader.MAX_RANGES ? null : i + 1, "per_unit_amount", "1", "0"));
        }
        assertEquals("must list at most 100 ranges",
                only("graduated", Props.of("graduated_ranges", ranges)).message());
        final List<String> keys = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            keys.add("k" + i);
        }
        assertEquals("properties.pricing_group_keys",
                only("standard", Props.of("amount", "1", "pricing_group_keys", keys)).field());
        assertEquals("properties.pricing_group_keys[0]", only("standard", Props.of("amount", "1",
                "pricing_group_keys", List.of("bad\ud800"))).field());
    }
}
