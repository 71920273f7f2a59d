package dev.tollgate.pricing.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void shouldReadJsonNumbersThroughTheirDecimalText() {
        // 0.1 as a double is 0.1000000000000000055...; its JSON text is 0.1, and that is the amount meant
        assertEquals(new BigDecimal("0.1"), Decimals.parse(0.1d));
        assertEquals(new BigDecimal("0.01"), Decimals.parse("0.01"));
        assertEquals(new BigDecimal("0.1"), Decimals.parse(0.1f));
        assertEquals(new BigDecimal("12"), Decimals.parse(12));
        assertEquals(new BigDecimal("12"), Decimals.parse(12L));
        assertEquals(new BigDecimal("1E+3"), Decimals.parse("1E+3"));
        assertEquals(new BigDecimal("5"), Decimals.parse(new BigInteger("5")));
    }

    @Test
    void shouldRejectWhatIsNotANumber() {
        assertNull(Decimals.parse(null));
        assertNull(Decimals.parse(""));
        assertNull(Decimals.parse(" 1"));
        assertNull(Decimals.parse("1,5"));
        assertNull(Decimals.parse(Double.NaN));
        assertNull(Decimals.parse(true));
        assertNull(Decimals.parse(List.of()));
    }

    @Test
    void shouldReadWholeNumbersOnlyWhenTheyAreWhole() {
        assertEquals(BigInteger.TEN, Decimals.parseWhole("10"));
        assertEquals(BigInteger.TEN, Decimals.parseWhole(10.0d));
        assertNull(Decimals.parseWhole("10.5"));
    }

    @Test
    void shouldCarryEveryError() {
        final InvalidPricingException e = new InvalidPricingException(List.of(new FieldError("a", "x"),
                new FieldError("b", "y")));
        assertEquals(2, e.errors().size());
        assertEquals("a: x; b: y", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InvalidPricingException(List.of()));
    }
}
