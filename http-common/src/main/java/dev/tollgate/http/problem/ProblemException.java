package dev.tollgate.http.problem;

import dev.tollgate.pricing.validation.FieldError;
import java.time.Duration;
import java.util.List;

/** Ends a request with a problem+json answer; thrown by controllers, mapped by {@link ProblemHandler}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProblemException(final int status, final String title, final String detail) {
        this(new Problem(null, title, status, detail, null), null);
    }

    public ProblemException(final Problem problem, final Duration retryAfter) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** For 503 answers: when the client may try again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static ProblemException badRequest(final String detail) {
        return new ProblemException(400, "Malformed request", detail);
    }

    public static ProblemException notFound(final String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException conflict(final String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException invalid(final List<FieldError> errors) {
        return new ProblemException(new Problem(null, "Invalid request", 422,
            errors.size() + " field(s) are invalid", errors), null);
    }

    public static ProblemException unavailable(final String detail, final Duration retryAfter) {
        return new ProblemException(new Problem(null, "Service unavailable", 503, detail, null), retryAfter);
    }
}
