package dev.tollgate.rater.query;

import dev.tollgate.http.json.JsonBodies;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/**
 * Product code's questions about one customer, answered from the rater's state by the instance
 * that owns the customer, whichever instance is asked (see {@link QueryRouter}).
 */
@Controller("/v1/customers/{customerId}")
@Requires(property = "tollgate.components.rater", value = "true")
public class UsageController {

    private final QueryRouter router;
    private final UsageQueries usage;
    private final EntitlementQueries entitlements;
    private final EventStatusQueries events;
    private final CreditQueries credits;

    public UsageController(final QueryRouter router, final UsageQueries usage, final EntitlementQueries entitlements,
                           final EventStatusQueries events, final CreditQueries credits) {
        this.router = router;
        this.usage = usage;
        this.entitlements = entitlements;
        this.events = events;
        this.credits = credits;
    }

    @Get("/credits")
    public HttpResponse<String> credits(final HttpRequest<?> request, @PathVariable final String customerId) {
        return router.route(request, customerId,
            partition -> JsonBodies.ok(credits.credits(customerId, partition)));
    }

    @Get("/usage")
    public HttpResponse<String> usage(final HttpRequest<?> request, @PathVariable final String customerId) {
        return router.route(request, customerId,
            partition -> JsonBodies.ok(usage.currentUsage(customerId, partition)));
    }

    @Get("/entitlements/{name}")
    public HttpResponse<String> entitlement(final HttpRequest<?> request, @PathVariable final String customerId,
                                            @PathVariable final String name) {
        // Read before routing: a malformed query is refused here rather than after a forward.
        final GroupSelection selection = GroupSelection.of(request);
        return router.route(request, customerId,
            partition -> JsonBodies.ok(entitlements.entitlement(customerId, name, partition, selection)));
    }

    @Get("/events/{eventId}")
    public HttpResponse<String> event(final HttpRequest<?> request, @PathVariable final String customerId,
                                      @PathVariable final String eventId) {
        return router.route(request, customerId,
            partition -> JsonBodies.ok(events.status(customerId, eventId, partition)));
    }
}
