package dev.tollgate.planapi.plan;

import dev.tollgate.http.problem.Problem;
import dev.tollgate.http.problem.ProblemException;

/**
 * Optimistic concurrency for plan versions: a PUT must say which version it was made from. Without
 * {@code If-Match} it is refused (428) rather than accepted, because a new version made from an old
 * read silently undoes whatever the version in between changed.
 */
final class IfMatch {

    private IfMatch() {
    }

    /** Passes when {@code header} names {@code currentVersion} (or is {@code *}); else 428 or 412. */
    static void check(final String header, final String code, final int currentVersion) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(new Problem(null, "Precondition required", 428,
                "send If-Match: \"" + currentVersion + "\" (the plan's ETag) to create version "
                    + (currentVersion + 1) + " of plan " + code, null), null);
        }
        for (final String candidate : header.split(",")) {
            final String tag = candidate.trim();
            if (tag.equals("*") || unquote(tag).equals(Integer.toString(currentVersion))) {
                return;
            }
        }
        throw new ProblemException(new Problem(null, "Precondition failed", 412,
            "If-Match " + header + " is stale: plan " + code + " is at version " + currentVersion
                + " (ETag \"" + currentVersion + "\"); read it again and retry", null), null);
    }

    private static String unquote(final String tag) {
        final String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
        return strong.length() >= 2 && strong.startsWith("\"") && strong.endsWith("\"")
            ? strong.substring(1, strong.length() - 1) : strong;
    }
}
