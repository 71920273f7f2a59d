package dev.tollgate.pricing.charge;

import static dev.tollgate.pricing.charge.Amounts.assertAmount;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumePricingTest {

    private final ChargePricing pricing = ChargePricing.parse("volume", Props.of("volume_ranges", Props.ranges(
            Props.range(0, 100, "per_unit_amount", "2", "1"),
            Props.range(101, 200, "per_unit_amount", "1.5", "0"),
            Props.range(201, null, "per_unit_amount", "1", "50"))));

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // zero usage falls in the first band: 0 x 2 + 1 = 1
        "0, 1",
        // 1 x 2 + 1
        "1, 3",
        // 100 x 2 + 1 = 201: the upper bound belongs to the band
        "100, 201",
        // 100.5 is past 100, so the second band prices all of it: 100.5 x 1.5 = 150.75
        "100.5, 150.75",
        // 101 x 1.5 = 151.5: cheaper than 100 units, as volume pricing is
        "101, 151.5",
        // 200 x 1.5 = 300
        "200, 300",
        // 201 x 1 + 50 = 251
        "201, 251"
    })
    void shouldPriceAllUnitsInTheBandTheTotalFallsIn(String units, String expected) {
        assertAmount(expected, pricing.amountForUnits(new BigDecimal(units)));
    }
}
