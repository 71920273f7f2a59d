package dev.tollgate.planapi.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.planapi.store.CatalogStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Plans: {@code POST/GET /v1/plans}, {@code GET /v1/plans/{code}}. */
@Controller("/v1/plans")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class PlanController {

    private final CatalogStore catalog;

    public PlanController(final CatalogStore catalog) {
        this.catalog = catalog;
    }

    /**
     * Creates a plan with its first version. Unless the body names an {@code effective_from}, the
     * first version is in force from the epoch: usage dated before the plan existed (a subscription
     * started in the past) is still rated by it.
     */
    @Post
    @Consumes(MediaType.ALL)
    public synchronized HttpResponse<String> create(@Body final byte[] body) {
        final JsonNode json = JsonBodies.parseObject(body);
        final String code = PlanReader.code(json);
        final PlanVersion first = PlanReader.read(json, 1, Instant.EPOCH, meter -> catalog.meter(meter).isPresent());
        if (catalog.plan(code).isPresent()) {
            throw ProblemException.conflict("plan " + code + " already exists; PUT /v1/plans/" + code
                + " creates a new version");
        }
        final Plan plan = new Plan(code, Plan.PlanStatus.ACTIVE, List.of(first));
        catalog.writePlan(plan);
        return JsonBodies.created(PlanView.of(plan, first));
    }

    @Get
    public HttpResponse<String> list() {
        return JsonBodies.ok(catalog.plans().stream()
            .sorted(Comparator.comparing(Plan::code))
            .map(plan -> PlanView.of(plan, plan.latest()))
            .toList());
    }

    @Get("/{code}")
    public HttpResponse<String> get(@PathVariable final String code) {
        final Plan plan = catalog.plan(code)
            .orElseThrow(() -> ProblemException.notFound("plan " + code + " does not exist"));
        return JsonBodies.ok(PlanView.of(plan, plan.latest()));
    }
}
