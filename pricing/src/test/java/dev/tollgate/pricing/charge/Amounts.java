package dev.tollgate.pricing.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

final class Amounts {

    private Amounts() {
    }

    /** Money compares by value: 12 and 12.000 are the same amount. */
    static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual),
                () -> "expected " + expected + " but was " + actual);
    }
}
