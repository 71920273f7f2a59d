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
 * the wrong kind. Which kinds a route takes is one table here, by path. A request another instance
 * passed on carries the {@link InstanceSecret} and the kind that instance authenticated instead of
 * a key; it is judged by that kind against the same table.
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";
    /** The request attribute holding the {@link KeyKind} this filter let through. */
    public static final String KIND_ATTRIBUTE = "tollgate.key-kind";

    private final ApiKeys keys;
    private final InstanceSecret instanceSecret;

    public ApiKeyFilter(final ApiKeys keys, final InstanceSecret instanceSecret) {
        this.keys = keys;
        this.instanceSecret = instanceSecret;
    }

    /**
     * Events take the ingest key; customer reads serve product code with either key; the rest is admin,
     * granting a customer credit too.
     */
    static Set<KeyKind> allowedKinds(final String path) {
        if (path.equals("/v1/events") || path.startsWith("/v1/events/")) {
            return EnumSet.of(KeyKind.INGEST);
        }
        if (path.startsWith("/v1/customers/") && !path.endsWith("/credit-grants")) {
            return EnumSet.of(KeyKind.ADMIN, KeyKind.INGEST);
        }
        return EnumSet.of(KeyKind.ADMIN);
    }

    /** The kind of key a request that passed this filter was authenticated with. */
    public static KeyKind authenticatedKind(final HttpRequest<?> request) {
        return request.getAttribute(KIND_ATTRIBUTE, KeyKind.class).orElseThrow(() -> new IllegalStateException(
            "request " + request.getPath() + " did not pass the API key filter"));
    }

    /** Answers 401/403 itself, or returns null to let the request through. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(final HttpRequest<?> request) {
        final Optional<KeyKind> kind = kindOf(request);
        if (kind.isEmpty()) {
            return ProblemHandler.respond(request, new Problem(null, "Unauthorized", 401,
                    "send a valid API key as 'Authorization: Bearer <key>'", null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        final Set<KeyKind> allowed = allowedKinds(request.getPath());
        if (!allowed.contains(kind.get())) {
            return ProblemHandler.respond(request, new Problem(null, "Forbidden", 403,
                "this route takes an " + allowed.iterator().next().name().toLowerCase() + " key, not an "
                    + kind.get().name().toLowerCase() + " key", null));
        }
        request.setAttribute(KIND_ATTRIBUTE, kind.get());
        return null;
    }

    /** A request that shows an instance token is judged by it alone, so a forged one cannot fall back to a key. */
    private Optional<KeyKind> kindOf(final HttpRequest<?> request) {
        final String token = request.getHeaders().get(InstanceSecret.TOKEN_HEADER);
        if (token != null) {
            return instanceSecret.kindOf(token, request.getHeaders().get(InstanceSecret.KIND_HEADER));
        }
        final String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        return header != null && header.startsWith(BEARER)
            ? keys.kindOf(header.substring(BEARER.length()).trim()) : Optional.empty();
    }
}
