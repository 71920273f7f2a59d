package dev.tollgate.pricing.charge;

import static dev.tollgate.pricing.charge.Amounts.assertAmount;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackagePricingTest {

    private final ChargePricing pricing = ChargePricing.parse("package",
            Props.of("amount", "5", "package_size", 10, "free_units", 100));

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // no usage: 0
        "0, 0",
        // 100 free units: 0
        "100, 0",
        // 100.5 - 100 = 0.5 paid units => ceil(0.5 / 10) = 1 package x 5
        "100.5, 5",
        // 101 - 100 = 1 => 1 package
        "101, 5",
        // 110 - 100 = 10 => exactly 1 package
        "110, 5",
        // 111 - 100 = 11 => ceil(1.1) = 2 packages x 5 = 10
        "111, 10",
        // 1000 - 100 = 900 => 90 packages x 5 = 450
        "1000, 450"
    })
    void shouldRoundUpToWholePackagesAfterFreeUnits(String units, String expected) {
        assertAmount(expected, pricing.amountForUnits(new BigDecimal(units)));
    }

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        "0, 0",
        // a single unit starts a package: ceil(1 / 1000) = 1 x 0.5
        "1, 0.5",
        "1000, 0.5",
        // ceil(1001 / 1000) = 2
        "1001, 1"
    })
    void shouldWorkWithoutFreeUnits(String units, String expected) {
        final ChargePricing noFreeUnits = ChargePricing.parse("package",
                Props.of("amount", "0.5", "package_size", "1000"));
        assertAmount(expected, noFreeUnits.amountForUnits(new BigDecimal(units)));
    }
}
