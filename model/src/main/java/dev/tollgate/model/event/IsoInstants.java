package dev.tollgate.model.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@link Instant#parse} with a fast path for the form nearly every producer sends,
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}. The JDK's formatter resolves each field through maps and
 * was a tenth of the rater's time per event; this reads the digits in place. Anything else (an
 * offset, a leap second, a malformed value) goes to {@link Instant#parse}, so the results and the
 * errors are exactly the JDK's.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /** Years 0000 to 9999 are written in place; the JDK's formatter writes the rest. */
    private static final long FIRST_FAST_SECOND = -62_167_219_200L;
    private static final long LAST_FAST_SECOND = 253_402_300_799L;
    private static final int SECONDS_PER_DAY = 86_400;

    /**
     * Exactly what {@link Instant#toString} writes (ISO-8601 in UTC, the fraction in groups of three
     * digits, none when whole), without the JDK's formatter for years 0000 to 9999.
     */
    public static String format(final Instant instant) {
        final long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_FAST_SECOND || epochSecond > LAST_FAST_SECOND) {
            return instant.toString();
        }
        final LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        final int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        final StringBuilder text = new StringBuilder(30);
        pad(text, date.getYear(), 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2).append('T');
        pad(text, secondOfDay / 3600, 2).append(':');
        pad(text, secondOfDay / 60 % 60, 2).append(':');
        pad(text, secondOfDay % 60, 2);
        final int nanos = instant.getNano();
        if (nanos > 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(text, nanos / 1_000, 6);
            } else {
                pad(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static StringBuilder pad(final StringBuilder text, final int value, final int width) {
        final String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** @throws DateTimeParseException as {@link Instant#parse} does */
    public static Instant parse(final String text) {
        final Instant fast = fastPath(text);
        return fast != null ? fast : Instant.parse(text);
    }

    private static Instant fastPath(final String text) {
        final int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
            || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        final int year = digits(text, 0, 4);
        final int month = digits(text, 5, 7);
        final int day = digits(text, 8, 10);
        final int hour = digits(text, 11, 13);
        final int minute = digits(text, 14, 16);
        final int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
            || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            final int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            final int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        final long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written by the ASCII digits in [from, to), or -1 if any is not a digit. */
    private static int digits(final String text, final int from, final int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
