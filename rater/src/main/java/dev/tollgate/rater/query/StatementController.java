package dev.tollgate.rater.query;

import dev.tollgate.http.json.JsonBodies;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/**
 * {@code GET /v1/subscriptions/{id}/statements}: the subscription's final statements and their
 * refund adjustments, oldest first, amounts rounded to the currency's minor unit; [] before its
 * first period closes, 404 when no instance knows the subscription, 503 while any instance cannot
 * answer (never a partial list).
 *
 * <p>{@code GET /v1/subscriptions/{id}/statements/upcoming}: the statement the subscription's next
 * period close would issue now.
 */
@Controller("/v1/subscriptions/{subscriptionId}/statements")
@Requires(property = "tollgate.components.rater", value = "true")
public class StatementController {

    private final StatementDirectory directory;
    private final StatementQueries queries;
    private final UpcomingStatements upcoming;

    public StatementController(final StatementDirectory directory, final StatementQueries queries,
                               final UpcomingStatements upcoming) {
        this.directory = directory;
        this.queries = queries;
        this.upcoming = upcoming;
    }

    @Get
    public HttpResponse<String> statements(final HttpRequest<?> request, @PathVariable final String subscriptionId) {
        if (OwnerForwarder.wasForwarded(request)) {
            return JsonBodies.ok(queries.local(subscriptionId));
        }
        return JsonBodies.ok(directory.statements(request, subscriptionId));
    }

    @Get("/upcoming")
    public HttpResponse<String> upcoming(final HttpRequest<?> request, @PathVariable final String subscriptionId) {
        if (OwnerForwarder.wasForwarded(request)) {
            return JsonBodies.ok(upcoming.local(subscriptionId));
        }
        return JsonBodies.ok(directory.upcoming(request, subscriptionId));
    }
}
