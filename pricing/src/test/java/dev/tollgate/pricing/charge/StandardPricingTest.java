package dev.tollgate.pricing.charge;

import static dev.tollgate.pricing.charge.Amounts.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardPricingTest {

    private final ChargePricing pricing = ChargePricing.parse("standard", Props.of("amount", "0.01"));

    @ParameterizedTest(name = "{0} units -> {1}")
    @CsvSource({
        // 0 x 0.01 = 0: no usage costs nothing
        "0, 0",
        // 1 x 0.01
        "1, 0.01",
        // 90.5 x 0.01 = 0.905, kept at full precision
        "90.5, 0.905",
        // 1234567 x 0.01
        "1234567, 12345.67",
        // 0.001 x 0.01 = 0.00001, below a cent and still kept
        "0.001, 0.00001"
    })
    void shouldPriceEveryUnitAtAmount(String units, String expected) {
        assertAmount(expected, pricing.amountForUnits(new BigDecimal(units)));
    }

    @Test
    void shouldPriceEventsAsTheirTotal() {
        // (60 + 30.5) x 0.01 = 0.905
        assertAmount("0.905", pricing.amountForEvents(List.of(new BigDecimal("60"), new BigDecimal("30.5"))));
    }

    @Test
    void shouldAcceptJsonNumbersAsWellAsDecimalStrings() {
        assertEquals(pricing, ChargePricing.parse("standard", Props.of("amount", 0.01)));
        assertAmount("2", ChargePricing.parse("standard", Props.of("amount", 2)).amountForUnits(BigDecimal.ONE));
    }
}
