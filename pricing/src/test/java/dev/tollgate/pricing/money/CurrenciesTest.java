package dev.tollgate.pricing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurrenciesTest {

    @ParameterizedTest(name = "{0} has {1} decimals")
    @CsvSource({"USD, 2", "EUR, 2", "IDR, 0", "JPY, 0", "KRW, 0", "KWD, 3", "BHD, 3"})
    void shouldKnowMinorUnits(String code, int digits) {
        assertEquals(digits, Currencies.minorUnits(code));
    }

    @Test
    void shouldRejectUnknownCodes() {
        assertThrows(IllegalArgumentException.class, () -> Currencies.minorUnits("XYZ"));
        assertThrows(IllegalArgumentException.class, () -> Currencies.minorUnits("usd"));
        assertThrows(IllegalArgumentException.class, () -> Currencies.minorUnits(null));
        assertThrows(IllegalArgumentException.class, () -> Currencies.minorUnits("XAU"));
    }
}
