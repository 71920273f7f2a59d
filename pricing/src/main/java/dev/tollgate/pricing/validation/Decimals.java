package dev.tollgate.pricing.validation;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns a JSON value into a BigDecimal without ever doing arithmetic in binary floating point: decimal strings
 * (Lago sends amounts as strings such as "0.01") and JSON numbers are both read through their decimal text.
 */
public final class Decimals {

    /**
     * Digits before the decimal point that any quantity or price may have: beyond any real quantity,
     * and small enough that every accepted value prints plainly and fits a bounded record.
     */
    public static final int MAX_INTEGER_DIGITS = 30;
    /** Digits after the decimal point; the same bound for events, charges, plans, coupons and add-ons. */
    public static final int MAX_SCALE = 30;
    /** The refusal every reader gives for a value past the bounds, so that ingest, rater and API say the same. */
    public static final String BOUNDS_MESSAGE = "must be a number of at most " + MAX_INTEGER_DIGITS
        + " digits before and " + MAX_SCALE + " after the decimal point";

    private Decimals() {
    }

    /** Whether the value is within {@link #MAX_INTEGER_DIGITS} and {@link #MAX_SCALE}. */
    public static boolean withinBounds(final BigDecimal value) {
        return value.precision() - value.scale() <= MAX_INTEGER_DIGITS && value.scale() <= MAX_SCALE;
    }

    /** The value as a BigDecimal, or null when it is not a number or a decimal string. */
    public static BigDecimal parse(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Double d) {
            // Double.toString gives the shortest decimal that reads back to the same double, i.e. what the JSON said.
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : null;
        }
        if (value instanceof String text) {
            final String trimmed = text.trim();
            if (trimmed.isEmpty() || !trimmed.equals(text)) {
                return null;
            }
            try {
                return new BigDecimal(trimmed);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The value as a whole number, or null when it is not one. "3", 3 and 3.0 are whole; "3.5" is not.
     */
    public static BigInteger parseWhole(Object value) {
        final BigDecimal decimal = parse(value);
        if (decimal == null) {
            return null;
        }
        try {
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
