package dev.tollgate.pricing.validation;

/**
 * A field name taken from input, made fit to be echoed in an error: a name the caller got wrong may
 * hold control characters or half a surrogate pair, which no answer could carry, or be very long.
 */
public final class FieldNames {

    /** Characters of a name an error repeats; the rest is cut, since the caller has the name anyway. */
    public static final int MAX_ECHOED_LENGTH = 64;

    private FieldNames() {
    }

    /** The name with unprintable characters as {@code \\uXXXX}, cut after {@link #MAX_ECHOED_LENGTH}. */
    public static String printable(final String name) {
        final StringBuilder printable = new StringBuilder(Math.min(name.length(), MAX_ECHOED_LENGTH) + 8);
        for (int i = 0; i < name.length() && i < MAX_ECHOED_LENGTH; i++) {
            final char c = name.charAt(i);
            final boolean pair = Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1));
            if (pair) {
                printable.append(c).append(name.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                printable.append(String.format("\\u%04x", (int) c));
            } else {
                printable.append(c);
            }
        }
        if (name.length() > MAX_ECHOED_LENGTH) {
            printable.append("...");
        }
        return printable.toString();
    }
}
