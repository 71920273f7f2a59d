package dev.tollgate.model.json;

/**
 * Checks that bytes are UTF-8 before Jackson sees them. Given bytes, Jackson guesses the encoding from
 * the first four: {@code 00 00 01 00} made it fail with an I/O error instead of a parse error, and
 * UTF-16 or UTF-32 text was read as JSON. Tollgate's wire format is UTF-8 (RFC 8259 section 8.1), so
 * anything else is refused with a reason. A JSON text in UTF-8 never holds a NUL byte, and every other
 * encoding Jackson detects either holds one or starts with a UTF-16 byte order mark.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Why the bytes are not UTF-8 JSON text, or null when they are UTF-8. */
    static String problem(final byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
            || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            return "the text starts with a UTF-16 byte order mark; send UTF-8";
        }
        int i = 0;
        while (i < bytes.length) {
            final int b = bytes[i] & 0xFF;
            if (b == 0) {
                return "the text holds a NUL byte at offset " + i + ", as UTF-16 or UTF-32 text does; send UTF-8";
            }
            if (b < 0x80) {
                i++;
                continue;
            }
            final int length = sequenceLength(bytes, i, b);
            if (length == 0) {
                return String.format("the text is not valid UTF-8 (byte 0x%02X at offset %d)", b, i);
            }
            i += length;
        }
        return null;
    }

    /** The length of the well-formed sequence that starts at {@code i}, or 0 when it is ill-formed (Unicode table 3-7). */
    private static int sequenceLength(final byte[] bytes, final int i, final int lead) {
        final int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                low = 0xA0;
            } else if (lead == 0xED) {
                // U+D800..U+DFFF are surrogates, which UTF-8 must not encode
                high = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                low = 0x90;
            } else if (lead == 0xF4) {
                high = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + length > bytes.length) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            final int next = bytes[i + k] & 0xFF;
            if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
                return 0;
            }
        }
        return length;
    }
}
