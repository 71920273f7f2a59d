package dev.tollgate.pricing.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void shouldBoundDigitsBeforeAndAfterThePointAsWritten() {
        assertTrue(Decimals.withinBounds(new BigDecimal("9".repeat(30) + "." + "9".repeat(30))));
        assertTrue(Decimals.withinBounds(new BigDecimal("1E+29")));
        assertFalse(Decimals.withinBounds(new BigDecimal("1E+30")));
        assertFalse(Decimals.withinBounds(new BigDecimal("1" + "0".repeat(30))));
        assertFalse(Decimals.withinBounds(new BigDecimal("0." + "0".repeat(30) + "1")));
        // trailing zeros count: the value is kept, and printed, as sent
        assertFalse(Decimals.withinBounds(new BigDecimal("1." + "0".repeat(31))));
        assertFalse(Decimals.withinBounds(new BigDecimal("1e-10000")));
        assertFalse(Decimals.withinBounds(new BigDecimal("1e1000000")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e-10000", "1e1000000", "-1E+31", "0E-31", "1E+2147483647", "-1e-2147483648"})
    void shouldTellANumberPastTheBoundsFromNoNumber(String text) {
        final List<String> problems = new ArrayList<>();
        assertNull(Decimals.parseBounded(text, "not a number", problems::add));
        assertEquals(List.of(Decimals.BOUNDS_MESSAGE), problems);
    }

    @Test
    void shouldRefuseNumericStringsTooLongToParseInBoundedTime() {
        final List<String> problems = new ArrayList<>();
        // a million digits would take the BigDecimal parser seconds; refused before it is parsed
        assertNull(Decimals.parseBounded("9".repeat(1_000_000), "not a number", problems::add));
        assertNull(Decimals.parseBounded("x".repeat(5_000), "not a number", problems::add));
        assertNull(Decimals.parse("1".repeat(Decimals.MAX_TEXT_LENGTH + 1)));
        assertEquals(List.of(Decimals.BOUNDS_MESSAGE, "not a number"), problems);
        assertEquals(new BigDecimal("1"), Decimals.parse("0".repeat(Decimals.MAX_TEXT_LENGTH - 1) + "1"));
        assertEquals(new BigDecimal("12.50"), Decimals.parseBounded("12.50", "not a number", problems::add));
    }

    @Test
    void shouldRefuseWholeNumbersPastTheBoundsWithoutExpandingThem() {
        assertNull(Decimals.parseWhole("1e1000000"));
        assertNull(Decimals.parseWhole("1e100000000"));
        assertNull(Decimals.parseWhole("1" + "0".repeat(30)));
        assertEquals(new BigInteger("1" + "0".repeat(29)), Decimals.parseWhole("1E+29"));
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
