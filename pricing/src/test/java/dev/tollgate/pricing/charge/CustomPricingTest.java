package dev.tollgate.pricing.charge;

import static dev.tollgate.pricing.charge.Amounts.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.pricing.rating.RatingStep;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomPricingTest {

    private static final ChargePricing FLOOR_FEE = custom("MAX(floor, units * rate)",
            Map.of("rate", "0.02", "floor", "5"));
    /** 0.10 a unit up to 100, then 0.05 a unit, plus a flat 1.5 once anything is used. */
    private static final ChargePricing TIERED = custom(
            "IF(units <= 100, units * low, 100 * low + (units - 100) * high) + IF(units > 0, flat, 0)",
            Map.of("low", "0.10", "high", "0.05", "flat", "1.5"));

    private static ChargePricing custom(String expression, Map<String, Object> variables) {
        return ChargePricing.parse("custom", Props.of("expression", expression, "variables", variables));
    }

    private static List<FieldError> errors(String expression, Map<String, Object> variables) {
        return assertThrows(InvalidPricingException.class, () -> custom(expression, variables)).errors();
    }

    private static FieldError only(String expression, Map<String, Object> variables) {
        final List<FieldError> errors = errors(expression, variables);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.get(0);
    }

    private static void assertRefused(String expression, String message) {
        final FieldError error = only(expression, Map.of("rate", "0.02"));
        assertEquals("properties.expression", error.field());
        assertTrue(error.message().contains(message), error.message());
    }

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // 0 x 0.02 = 0, below the floor of 5
        "0, 5",
        // 249.99 x 0.02 = 4.9998, still the floor
        "249.99, 5",
        // 250 x 0.02 = 5.00
        "250, 5.00",
        // 1234.567 x 0.02 = 24.69134, kept to the last decimal
        "1234.567, 24.69134"
    })
    void shouldChargeTheLargerOfTheFloorAndTheRate(String units, String expected) {
        assertAmount(expected, FLOOR_FEE.amountForUnits(new BigDecimal(units)));
    }

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // nothing used: no flat fee either
        "0, 0",
        // 40 x 0.10 + 1.5
        "40, 5.5",
        // 100 x 0.10 + 1.5
        "100, 11.5",
        // 100 x 0.10 + 0.5 x 0.05 + 1.5 = 11.525
        "100.5, 11.525",
        // 100 x 0.10 + 900 x 0.05 + 1.5
        "1000, 56.5"
    })
    void shouldPriceATieredExpression(String units, String expected) {
        assertAmount(expected, TIERED.amountForUnits(new BigDecimal(units)));
    }

    @Test
    void shouldRateEachEventAsTheDifferenceOfThePeriodsAmounts() {
        final ChargeRater rater = new ChargeRater(Aggregation.SUM, TIERED);
        ChargeState state = ChargeState.empty();
        final List<BigDecimal> deltas = new ArrayList<>();
        for (final String units : List.of("40", "60.5", "899.5")) {
            final RatingStep step = rater.rate(state, new MeterReading(Instant.EPOCH, new BigDecimal(units), null, null));
            deltas.add(step.delta());
            state = step.next();
        }
        // 0 -> 5.5 (40 units), -> 11.525 (100.5), -> 56.5 (1000)
        assertAmount("5.5", deltas.get(0));
        assertAmount("6.025", deltas.get(1));
        assertAmount("44.975", deltas.get(2));
        assertAmount("56.5", rater.amountDue(state));
    }

    @Test
    void shouldKeepDecimalsExactWhereBinaryFloatingPointWouldNot() {
        assertEquals(new BigDecimal("24.69134"), FLOOR_FEE.amountForUnits(new BigDecimal("1234.567")));
        // 0.1 + 0.2 is 0.30000000000000004 in doubles
        assertEquals(new BigDecimal("0.3"), custom("units * a + b", Map.of("a", "0.1", "b", "0.2"))
                .amountForUnits(BigDecimal.ONE));
        // 1/3 to 34 significant digits, then to the 30 decimal places an amount may have, half up
        assertEquals(new BigDecimal("0.333333333333333333333333333333"),
                custom("units / 3", Map.of()).amountForUnits(BigDecimal.ONE));
        assertEquals(new BigDecimal("3"), custom("ROUND(units, 0)", Map.of()).amountForUnits(new BigDecimal("2.5")));
        assertEquals(new BigDecimal("1024"), custom("units ^ 10", Map.of()).amountForUnits(new BigDecimal("2")));
    }

    @Test
    void shouldReadVariablesAsJsonNumbersOrDecimalStrings() {
        assertEquals(custom("units * rate", Map.of("rate", "0.5")).amountForUnits(BigDecimal.TEN),
                custom("units * rate", Map.of("rate", 0.5)).amountForUnits(BigDecimal.TEN));
    }

    @Test
    void shouldBeSafeToShareAcrossThreads() throws Exception {
        final ChargePricing pricing = custom("units * rate + IF(units > 500, 1, 0)", Map.of("rate", "0.25"));
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = offset; i < 4000; i += 4) {
                        final BigDecimal units = BigDecimal.valueOf(i);
                        final BigDecimal expected = units.multiply(new BigDecimal("0.25"))
                                .add(i > 500 ? BigDecimal.ONE : BigDecimal.ZERO);
                        if (expected.compareTo(pricing.amountForUnits(units)) != 0) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (final Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseAnExpressionLongerThanTheBound() {
        final String tooLong = "units" + " + 0".repeat(250);
        assertRefused(tooLong, "must be at most 1000 characters, not 1005");
    }

    @Test
    void shouldRefuseFunctionsOutsideTheWhitelist() {
        assertRefused("SQRT(units)", "is not a valid expression: Undefined function 'SQRT'");
        assertRefused("RANDOM()", "Undefined function 'RANDOM'");
        assertRefused("DT_NOW()", "Undefined function 'DT_NOW'");
    }

    @Test
    void shouldRefuseUnboundedPowers() {
        assertRefused("units ^ 11", "the exponent of ^ at character 7 must be a whole number written as such,"
                + " from 0 to 10");
        assertRefused("units ^ units", "the exponent of ^");
        assertRefused("units ^ 0.5", "the exponent of ^");
        assertRefused("units % 2", "is not a valid expression");
    }

    @Test
    void shouldRefuseUnboundedRounding() {
        assertRefused("ROUND(units, 31)", "the decimal places of ROUND at character 1 must be a whole number");
        assertRefused("ROUND(units, rate)", "the decimal places of ROUND");
    }

    @Test
    void shouldRefuseVariablesTheChargeDidNotDeclare() {
        assertRefused("units * price", "uses 'price' at character 9, which is neither units nor a declared variable");
        assertRefused("PI * units", "uses 'PI'");
    }

    @Test
    void shouldRefuseStringsAndNumbersPastTheBounds() {
        assertRefused("units + \"1\"", "has a string at character 9");
        assertRefused("units * 1e40", "past the bounds of a charge's numbers");
        assertRefused("units * 123456789012345678901234.5678901234567", "more than 34 significant digits");
    }

    @Test
    void shouldRefuseWhatTheDialectLeavesOut() {
        assertRefused("0x1F * units", "has '0x1F' at character 1, which is not a decimal number");
        assertRefused("units.rate", "Undefined operator '.' at character 6");
        assertRefused("units[0]", "Undefined operator '[' at character 6");
        assertRefused("2units", "Missing operator at character 2");
        assertRefused("ROUND(units)", "Not enough parameters for function at character 1");
    }

    @Test
    void shouldRefuseSyntaxErrorsWithTheirPlace() {
        assertRefused("MAX(units, ", "is not a valid expression");
        assertRefused("units *", "is not a valid expression");
    }

    @Test
    void shouldRefuseAnExpressionThatCannotPriceZeroUnits() {
        assertRefused("rate / units", "at 0 units: Division by zero");
        assertRefused("units - 1", "at 0 units computes -1; an amount must not be negative");
        assertRefused("units > 1", "at 0 units computes false, not a number");
    }

    @Test
    void shouldRejectImpossibleAmountsAtRatingTimeNamingTheExpression() {
        final ChargePricing pricing = custom("10 - units", Map.of());
        assertAmount("4", pricing.amountForUnits(new BigDecimal("6")));
        final InvalidPricingException negative = assertThrows(InvalidPricingException.class,
                () -> pricing.amountForUnits(new BigDecimal("12")));
        assertEquals("properties.expression", negative.errors().get(0).field());
        assertEquals("at 12 units computes -2; an amount must not be negative", negative.errors().get(0).message());
        final InvalidPricingException division = assertThrows(InvalidPricingException.class,
                () -> custom("IF(units > 1, 1 / (units - 2), 0)", Map.of()).amountForUnits(new BigDecimal("2")));
        assertTrue(division.errors().get(0).message().startsWith("at 2 units: Division by zero"),
                division.getMessage());
        final InvalidPricingException huge = assertThrows(InvalidPricingException.class,
                () -> custom("(units ^ 10) ^ 10", Map.of()).amountForUnits(new BigDecimal("1000")));
        assertTrue(huge.getMessage().contains("more than 30 digits before the decimal point"), huge.getMessage());
        final InvalidPricingException rescaled = assertThrows(InvalidPricingException.class,
                () -> custom("FLOOR(((units ^ 10) ^ 10) ^ 10)", Map.of()).amountForUnits(BigDecimal.TEN));
        assertTrue(rescaled.getMessage().contains("FLOOR takes numbers of at most 100 digits"), rescaled.getMessage());
    }

    @Test
    void shouldRefuseBadVariables() {
        assertEquals("properties.variables.units", only("units", Map.of("units", "1")).field());
        assertEquals("properties.variables.1rate", only("units", Map.of("1rate", "1")).field());
        final FieldError value = only("units * rate", Map.of("rate", "abc"));
        assertEquals("properties.variables.rate", value.field());
        assertTrue(value.message().startsWith("must be a decimal number"), value.message());
        assertEquals("properties.variables.rate", only("units", Map.of("rate", "1e40")).field());
        final List<FieldError> cased = errors("units", Props.of("rate", "1", "RATE", "2"));
        assertEquals(List.of("properties.variables.RATE"), cased.stream().map(FieldError::field).toList());
        final InvalidPricingException notAnObject = assertThrows(InvalidPricingException.class,
                () -> ChargePricing.parse("custom", Props.of("expression", "units", "variables", List.of("1"))));
        assertEquals("properties.variables", notAnObject.errors().get(0).field());
    }

    @Test
    void shouldRequireAnExpressionAndRefuseOtherProperties() {
        assertEquals("properties.expression", assertThrows(InvalidPricingException.class,
                () -> ChargePricing.parse("custom", Props.of())).errors().get(0).field());
        assertEquals("properties.expression", assertThrows(InvalidPricingException.class,
                () -> ChargePricing.parse("custom", Props.of("expression", 5))).errors().get(0).field());
        final InvalidPricingException other = assertThrows(InvalidPricingException.class,
                () -> ChargePricing.parse("custom", Props.of("expression", "units", "custom_properties", Map.of())));
        assertEquals("properties.custom_properties", other.errors().get(0).field());
    }

    @Test
    void shouldParseTheSameChargeToAnEqualModel() {
        assertEquals(custom("units * rate", Map.of("rate", "2")), custom("units * rate", Map.of("rate", "2")));
    }
}
