package dev.tollgate.http.problem;

import dev.tollgate.http.request.RequestId;
import dev.tollgate.model.json.Json;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a {@link ProblemException} into its problem+json answer. */
@Produces(Problem.CONTENT_TYPE)
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemHandler implements ExceptionHandler<ProblemException, HttpResponse<String>> {

    @Override
    public HttpResponse<String> handle(final HttpRequest request, final ProblemException exception) {
        final MutableHttpResponse<String> response = respond(request, exception.problem());
        if (exception.retryAfter() != null) {
            response.header("Retry-After", Long.toString(Math.max(1, exception.retryAfter().toSeconds())));
        }
        return response;
    }

    /** The problem+json answer to {@code request}, with its request id in the body. */
    public static MutableHttpResponse<String> respond(final HttpRequest<?> request, final Problem problem) {
        return HttpResponse.<String>status(HttpStatus.valueOf(problem.status()))
            .contentType(Problem.CONTENT_TYPE)
            .body(Json.writeString(problem.withRequestId(RequestId.of(request).orElse(null))));
    }
}
