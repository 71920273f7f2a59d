package dev.tollgate.http.request;

import io.micronaut.http.HttpRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * The id of one HTTP request: the caller's {@code X-Request-Id} when it is one we can safely put in
 * headers, bodies and log lines, else a fresh UUID. Answers, problem bodies and the request's log
 * lines (MDC {@code request_id}) carry it, and a rater passes it on to the instance it forwards to.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** Long enough for a UUID, a W3C trace id or a load balancer's id, short enough for a log line. */
    public static final int MAX_LENGTH = 128;

    private static final String ATTRIBUTE = "tollgate.request-id";

    private RequestId() {
    }

    /**
     * {@code sent} when it is 1 to {@link #MAX_LENGTH} visible ASCII characters: anything else (spaces,
     * control characters, non-ASCII) could split a log line or a header, so it is replaced, not echoed.
     */
    public static String acceptOrGenerate(final String sent) {
        return isAcceptable(sent) ? sent : UUID.randomUUID().toString();
    }

    static boolean isAcceptable(final String sent) {
        if (sent == null || sent.isEmpty() || sent.length() > MAX_LENGTH) {
            return false;
        }
        return sent.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** Records {@code id} as the request's own; {@link RequestIdFilter} does it for every request it serves. */
    public static void attach(final HttpRequest<?> request, final String id) {
        request.setAttribute(ATTRIBUTE, id);
    }

    /** The id {@link RequestIdFilter} gave the request; empty before the filter ran. */
    public static Optional<String> of(final HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }
}
