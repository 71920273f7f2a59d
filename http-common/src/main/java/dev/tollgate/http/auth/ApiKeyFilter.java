package dev.tollgate.http.auth;

import dev.tollgate.http.problem.Problem;
import dev.tollgate.http.problem.ProblemHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Guards every {@code /v1} route with a bearer API key: 401 without a valid key, 403 with a key of
 * the wrong kind. Which kinds a route takes is one table here, by path.
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyFilter(final ApiKeys keys) {
        this.keys = keys;
    }

    /** Events take the ingest key; customer reads serve product code with either key; the rest is admin. */
    static Set<KeyKind> allowedKinds(final String path) {
        if (path.equals("/v1/events") || path.startsWith("/v1/events/")) {
            return EnumSet.of(KeyKind.INGEST);
        }
        if (path.startsWith("/v1/customers/")) {
            return EnumSet.of(KeyKind.ADMIN, KeyKind.INGEST);
        }
        return EnumSet.of(KeyKind.ADMIN);
    }

    /** Answers 401/403 itself, or returns null to let the request through. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(final HttpRequest<?> request) {
        final String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        final Optional<KeyKind> kind = header != null && header.startsWith(BEARER)
            ? keys.kindOf(header.substring(BEARER.length()).trim()) : Optional.empty();
        if (kind.isEmpty()) {
            return ProblemHandler.respond(new Problem(null, "Unauthorized", 401,
                    "send a valid API key as 'Authorization: Bearer <key>'", null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        final Set<KeyKind> allowed = allowedKinds(request.getPath());
        if (!allowed.contains(kind.get())) {
            return ProblemHandler.respond(new Problem(null, "Forbidden", 403,
                "this route takes an " + allowed.iterator().next().name().toLowerCase() + " key, not an "
                    + kind.get().name().toLowerCase() + " key", null));
        }
        return null;
    }
}
