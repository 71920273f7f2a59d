package dev.tollgate.rater.query;

import dev.tollgate.http.json.JsonBodies;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/** Product code's questions about a customer's usage, answered from the rater's state. */
@Controller("/v1/customers/{customerId}")
@Requires(property = "tollgate.components.rater", value = "true")
public class UsageController {

    private final UsageQueries queries;

    public UsageController(final UsageQueries queries) {
        this.queries = queries;
    }

    @Get("/usage")
    public HttpResponse<String> usage(@PathVariable final String customerId) {
        return JsonBodies.ok(queries.currentUsage(customerId));
    }
}
