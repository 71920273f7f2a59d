package dev.tollgate.pricing.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
    /**
     * The longest decimal string that is parsed at all, Jackson's own limit for a number literal. Parsing a
     * decimal costs time quadratic in its length (a million digits take seconds), and no value within the
     * bounds needs more characters unless it is padded with zeros.
     */
    public static final int MAX_TEXT_LENGTH = 1000;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Decimals() {
    }

    /**
     * Whether the value is within {@link #MAX_INTEGER_DIGITS} and {@link #MAX_SCALE}. The value is judged as
     * written, trailing zeros included: {@code 1.50} has scale 2 and {@code 1E+3} three integer digits. Values
     * are kept as sent (a price of "12.50" stays "12.50"), so the bound is on what every record prints.
     */
    public static boolean withinBounds(final BigDecimal value) {
        // In long: 1E+2147483647 has scale -2147483647, and precision - scale overflows an int.
        return (long) value.precision() - value.scale() <= MAX_INTEGER_DIGITS && value.scale() <= MAX_SCALE;
    }

    /**
     * Reads a value that must be a number within the bounds: the value, or null after telling {@code problem}
     * why not, {@code notANumber} when it is no number and {@link #BOUNDS_MESSAGE} when it is one past the
     * bounds (a numeric string too long to parse, or with an exponent past an int, counts as past them).
     */
    public static BigDecimal parseBounded(final Object value, final String notANumber, final Consumer<String> problem) {
        final BigDecimal decimal = parse(value);
        if (decimal == null) {
            problem.accept(isOverlongNumber(value) ? BOUNDS_MESSAGE : notANumber);
            return null;
        }
        if (!withinBounds(decimal)) {
            problem.accept(BOUNDS_MESSAGE);
            return null;
        }
        return decimal;
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
            if (trimmed.isEmpty() || !trimmed.equals(text) || text.length() > MAX_TEXT_LENGTH) {
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
     * The value as a whole number, or null when it is not one or is past the bounds. "3", 3 and 3.0 are whole;
     * "3.5" is not. The bounds come first, so that "1e1000000" is refused at once instead of being expanded
     * into a million digits.
     */
    public static BigInteger parseWhole(Object value) {
        final BigDecimal decimal = parse(value);
        if (decimal == null || !withinBounds(decimal)) {
            return null;
        }
        try {
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Written as a number, yet not read as one: too long to parse, or an exponent past an int (1e2147483648). */
    private static boolean isOverlongNumber(final Object value) {
        return value instanceof String text && NUMBER.matcher(text).matches();
    }
}
