package dev.tollgate.pricing.charge;

import static dev.tollgate.pricing.charge.Amounts.assertAmount;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraduatedPricingTest {

    /** Lago's own example: whole-unit ranges 0..10, 11..20, 21.. */
    private final ChargePricing wholeUnits = ChargePricing.parse("graduated", Props.of("graduated_ranges", Props.ranges(
            Props.range(0, 10, "per_unit_amount", "10", "2"),
            Props.range(11, 20, "per_unit_amount", "5", "3"),
            Props.range(21, null, "per_unit_amount", "5", "3"))));

    /** The same tiers written as adjacent ranges 0..10, 10..20, 20.. */
    private final ChargePricing adjacent = ChargePricing.parse("graduated", Props.of("graduated_ranges", Props.ranges(
            Props.range("0", "10", "per_unit_amount", "10", "2"),
            Props.range("10", "20", "per_unit_amount", "5", "3"),
            Props.range("20", null, "per_unit_amount", "5", "3"))));

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // zero usage still owes the first range's flat amount: 0 x 10 + 2
        "0, 2",
        // 1 = 1 (tier1) => 1 x 10 + 2 = 12
        "1, 12",
        // 10 = 10 (tier1) => 100 + 2 = 102
        "10, 102",
        // 10.5 = 10 (tier1) + 0.5 (tier2) => 102 + 0.5 x 5 + 3 = 107.5: a fraction crossing a boundary enters tier2
        "10.5, 107.5",
        // 11 = 10 (tier1) + 1 (tier2) => 102 + 5 + 3 = 110
        "11, 110",
        // 12 = 10 (tier1) + 2 (tier2) => 102 + 10 + 3 = 115
        "12, 115",
        // 20 = 10 (tier1) + 10 (tier2) => 102 + 53 = 155
        "20, 155",
        // 20.25 = 10 + 10 + 0.25 (tier3) => 155 + 1.25 + 3 = 159.25
        "20.25, 159.25",
        // 21 = 10 (tier1) + 10 (tier2) + 1 (tier3) => 102 + 53 + 8 = 163
        "21, 163"
    })
    void shouldPriceEachTierAndAddFlatAmountsOfTiersReached(String units, String expected) {
        assertAmount(expected, wholeUnits.amountForUnits(new BigDecimal(units)));
        assertAmount(expected, adjacent.amountForUnits(new BigDecimal(units)));
    }

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // 10 = 10 (tier1) => 10 x 1 = 10
        "10, 10",
        // 110 = 10 (tier1) + 100 (tier2) => 10 + 100 x 0.9 = 100
        "110, 100",
        // 111 = 10 (tier1) + 100 (tier2) + 1 (tier3) => 10 + 90 + 1 x 0.5 + 15 (tier3 flat) = 115.5
        "111, 115.5"
    })
    void shouldMatchTheWorkedExampleOfTheDocs(String units, String expected) {
        final ChargePricing pricing = ChargePricing.parse("graduated", Props.of("graduated_ranges", Props.ranges(
                Props.range(0, 10, "per_unit_amount", "1", "0"),
                Props.range(11, 110, "per_unit_amount", "0.9", "0"),
                Props.range(111, null, "per_unit_amount", "0.5", "15"))));
        assertAmount(expected, pricing.amountForUnits(new BigDecimal(units)));
    }

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // a free first range with no flat amount: zero usage costs 0
        "0, 0",
        // 0.01 = 0.01 (tier1 at 0) => 0
        "0.01, 0",
        // 0.02 = 0.01 (tier1) + 0.01 (tier2) => 0.01 x 10 + 2 = 2.1
        "0.02, 2.1"
    })
    void shouldPriceDecimalAdjacentRanges(String units, String expected) {
        final ChargePricing pricing = ChargePricing.parse("graduated", Props.of("graduated_ranges", Props.ranges(
                Props.range(0, "0.01", "per_unit_amount", "0", "0"),
                Props.range("0.01", 10, "per_unit_amount", "10", "2"),
                Props.range(10, null, "per_unit_amount", "5", "3"))));
        assertAmount(expected, pricing.amountForUnits(new BigDecimal(units)));
    }

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // Lago's spec: 0.05 = 0.05 (tier1) => 0.05 x 10 = 0.5
        "0.05, 0.5",
        // 0.5 = 0.1 (tier1) + 0.4 (tier2) => 1 + 2 = 3
        "0.5, 3",
        // 2.5 = 0.1 (tier1) + 0.9 (tier2) + 1.5 (tier3) => 1 + 4.5 + 3 = 8.5
        "2.5, 8.5"
    })
    void shouldPriceFractionalUnitsAcrossDecimalTiers(String units, String expected) {
        final ChargePricing pricing = ChargePricing.parse("graduated", Props.of("graduated_ranges", Props.ranges(
                Props.range(0, 0.1, "per_unit_amount", "10", "0"),
                Props.range(0.1, 1, "per_unit_amount", "5", "0"),
                Props.range(1, null, "per_unit_amount", "2", "0"))));
        assertAmount(expected, pricing.amountForUnits(new BigDecimal(units)));
    }
}
