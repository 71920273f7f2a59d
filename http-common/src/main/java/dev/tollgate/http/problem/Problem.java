package dev.tollgate.http.problem;

import dev.tollgate.pricing.validation.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer ({@code application/problem+json}).
 *
 * @param errors for validation problems, every field at fault with what is wrong with it
 * @param requestId the request's {@code X-Request-Id}, so a report of the error finds its log lines
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      String requestId) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        type = type == null ? "about:blank" : type;
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public Problem(final String type, final String title, final int status, final String detail,
                   final List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }

    public Problem withRequestId(final String id) {
        return new Problem(type, title, status, detail, errors, id);
    }
}
