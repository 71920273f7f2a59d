package dev.tollgate.planapi.catalog;

import dev.tollgate.http.problem.Problem;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Optimistic concurrency for the catalog's replacing writes (a plan's next version, a coupon's or an
 * add-on's new definition): a PUT must say which state it was made from. Without {@code If-Match} it
 * is refused (428) rather than accepted, because a write made from an old read silently undoes
 * whatever changed in between.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * The ETag of a stored record that has no version number: a digest of the record as it is written
     * to its topic, so that every instance, and every restart, computes the same tag for the same state.
     */
    public static String etagOf(final Object record) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(record));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /**
     * Passes when {@code header} names {@code etag} (or is {@code *}); else 428 with {@code missing} or
     * 412 with {@code stale} as the detail.
     */
    public static void check(final String header, final String etag, final String missing, final String stale) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(new Problem(null, "Precondition required", 428, missing, null), null);
        }
        final String current = unquote(etag);
        for (final String candidate : header.split(",")) {
            final String tag = candidate.trim();
            if (tag.equals("*") || unquote(tag).equals(current)) {
                return;
            }
        }
        throw new ProblemException(new Problem(null, "Precondition failed", 412, stale, null), null);
    }

    /** The header as the answer may repeat it: printable, short. */
    public static String echo(final String header) {
        if (header == null) {
            return "";
        }
        final String printable = header.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? header : "(unprintable)";
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }

    private static String unquote(final String tag) {
        final String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
        return strong.length() >= 2 && strong.startsWith("\"") && strong.endsWith("\"")
            ? strong.substring(1, strong.length() - 1) : strong;
    }
}
