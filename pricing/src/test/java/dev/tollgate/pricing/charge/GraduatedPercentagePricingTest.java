package dev.tollgate.pricing.charge;

import static dev.tollgate.pricing.charge.Amounts.assertAmount;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraduatedPercentagePricingTest {

    private final ChargePricing pricing = ChargePricing.parse("graduated_percentage",
            Props.of("graduated_percentage_ranges", Props.ranges(
                    Props.range(0, 100, "rate", "1", "0.5"),
                    Props.range(101, 1000, "rate", "0.5", "1"),
                    Props.range(1001, null, "rate", "0.1", "0"))));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // zero usage owes the first range's flat amount
        "0, 0.5",
        // 50 = 50 (tier1) => 50 x 1 % + 0.5 = 1
        "50, 1",
        // 100 = 100 (tier1) => 1 + 0.5 = 1.5
        "100, 1.5",
        // 100.5 = 100 (tier1) + 0.5 (tier2) => 1.5 + 0.5 x 0.5 % + 1 = 2.5025
        "100.5, 2.5025",
        // 1000 = 100 (tier1) + 900 (tier2) => 1.5 + 4.5 + 1 = 7
        "1000, 7",
        // 1001 = 100 + 900 + 1 (tier3) => 7 + 1 x 0.1 % = 7.001
        "1001, 7.001"
    })
    void shouldTakeEachTiersRateOfTheUnitsInIt(String units, String expected) {
        assertAmount(expected, pricing.amountForUnits(new BigDecimal(units)));
    }
}
