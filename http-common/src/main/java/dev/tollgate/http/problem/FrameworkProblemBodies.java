package dev.tollgate.http.problem;

import dev.tollgate.http.request.RequestId;
import dev.tollgate.model.json.Json;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Errors the framework raises itself (no such route, wrong method, unreadable body, body too large)
 * answer problem+json like Tollgate's own, instead of Micronaut's default error shape.
 */
@Primary
@Singleton
public class FrameworkProblemBodies implements JsonErrorResponseBodyProvider<String> {

    @Override
    public String body(final ErrorContext context, final HttpResponse<?> response) {
        final String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return Json.writeString(new Problem(null, response.getStatus().getReason(), response.code(),
            detail.isEmpty() ? response.getStatus().getReason() : detail, null,
            RequestId.of(context.getRequest()).orElse(null)));
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
