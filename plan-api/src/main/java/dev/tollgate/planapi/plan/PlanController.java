package dev.tollgate.planapi.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.planapi.catalog.BodyCode;
import dev.tollgate.planapi.catalog.IfMatch;
import dev.tollgate.planapi.catalog.RecordBudget;
import dev.tollgate.planapi.store.CatalogDecision;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.planapi.store.CatalogWrite;
import dev.tollgate.pricing.validation.FieldError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Plans and their versions: {@code POST/GET /v1/plans}, {@code GET/PUT/DELETE /v1/plans/{code}},
 * {@code GET /v1/plans/{code}/versions[/{version}]}. A plan is shown with its latest version; its ETag
 * is that version's number.
 */
@Controller("/v1/plans")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class PlanController {

    private final CatalogStore catalog;
    private final Clock clock;

    public PlanController(final CatalogStore catalog, final Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Creates a plan with its first version. Unless the body names an {@code effective_from}, the
     * first version is in force from the epoch: usage dated before the plan existed (a subscription
     * started in the past) is still rated by it.
     */
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> create(@Body final byte[] body) {
        final JsonNode json = JsonBodies.parseObject(body);
        final Instant now = clock.instant();
        final String code = codeOf(json, now);
        final Plan.PlanStatus status = status(json, Plan.PlanStatus.ACTIVE);
        final Plan created = catalog.write(() -> {
            final PlanVersion first = PlanReader.read(json, code, 1, Instant.EPOCH, this::meterExists, now);
            if (catalog.plan(code).isPresent()) {
                throw ProblemException.conflict("plan " + code + " already exists; PUT /v1/plans/" + code
                    + " creates a new version");
            }
            checkLookupKey(code, first);
            final Plan plan = new Plan(code, status, List.of(first));
            RecordBudget.mustFit(plan, "plan " + code, "make its attributes or charges smaller");
            return CatalogDecision.of(plan, CatalogWrite.of(Topics.PLANS, code, plan));
        });
        return withEtag(JsonBodies.created(PlanView.of(created, created.latest())), created);
    }

    /**
     * Creates the next version, in force from {@code effective_from} (now when absent). The body is the
     * whole version, as for POST; {@code status} may re-activate an archived plan.
     */
    @Put("/{code}")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> update(@PathVariable final String code, @Body final byte[] body,
                                       @Nullable @Header(HttpHeaders.IF_MATCH) final String ifMatch) {
        final JsonNode json = JsonBodies.parseObject(body);
        BodyCode.mustMatchPath(json, code);
        final Instant now = clock.instant();
        final Plan updated = catalog.write(() -> {
            final Plan plan = existing(code);
            final int current = plan.latest().version();
            IfMatch.check(ifMatch, PlanView.etag(plan), "send If-Match: \"" + current + "\" (the plan's ETag) to"
                + " create version " + (current + 1) + " of plan " + code, "If-Match " + IfMatch.echo(ifMatch)
                + " is stale: plan " + code + " is at version " + current + " (ETag \"" + current + "\"); read it"
                + " again and retry");
            final PlanVersion next = PlanReader.read(json, code, plan.latest().version() + 1, now, this::meterExists,
                now);
            final List<FieldError> errors = VersionRules.check(plan, next, now);
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            checkLookupKey(code, next);
            final List<PlanVersion> versions = new ArrayList<>(plan.versions());
            versions.add(next);
            final Plan versioned = new Plan(code, status(json, plan.status()), versions);
            RecordBudget.mustFit(versioned, "plan " + code, "a plan keeps every version, so archive this one and"
                + " create a new plan for the next terms");
            return CatalogDecision.of(versioned, CatalogWrite.of(Topics.PLANS, code, versioned));
        });
        return withEtag(JsonBodies.ok(PlanView.of(updated, updated.latest())), updated);
    }

    /** Archives the plan: no new subscriptions; existing ones go on with the versions they have. */
    @Delete("/{code}")
    public HttpResponse<String> archive(@PathVariable final String code) {
        final Plan archived = catalog.write(() -> {
            final Plan plan = existing(code);
            final Plan archive = new Plan(code, Plan.PlanStatus.ARCHIVED, plan.versions());
            return plan.status() == Plan.PlanStatus.ARCHIVED ? CatalogDecision.of(archive)
                : CatalogDecision.of(archive, CatalogWrite.of(Topics.PLANS, code, archive));
        });
        return withEtag(JsonBodies.ok(PlanView.of(archived, archived.latest())), archived);
    }

    @Get
    public HttpResponse<String> list() {
        return JsonBodies.ok(catalog.plans().stream()
            .sorted(Comparator.comparingInt((Plan plan) -> plan.latest().sortOrder()).thenComparing(Plan::code))
            .map(plan -> PlanView.of(plan, plan.latest()))
            .toList());
    }

    @Get("/{code}")
    public HttpResponse<String> get(@PathVariable final String code) {
        final Plan plan = existing(code);
        return withEtag(JsonBodies.ok(PlanView.of(plan, plan.latest())), plan);
    }

    @Get("/{code}/versions")
    public HttpResponse<String> versions(@PathVariable final String code) {
        final Plan plan = existing(code);
        return withEtag(JsonBodies.ok(plan.versions().stream().map(version -> PlanView.of(plan, version)).toList()),
            plan);
    }

    @Get("/{code}/versions/{version}")
    public HttpResponse<String> version(@PathVariable final String code, @PathVariable final int version) {
        final Plan plan = existing(code);
        return JsonBodies.ok(PlanView.of(plan, plan.version(version).orElseThrow(() ->
            ProblemException.notFound("plan " + code + " has no version " + version))));
    }

    /** The body's plan code; when it has none, every other error of the body is reported with that one. */
    private String codeOf(final JsonNode json, final Instant now) {
        try {
            return PlanReader.code(json);
        } catch (ProblemException missing) {
            final List<FieldError> errors = new ArrayList<>(missing.problem().errors());
            try {
                PlanReader.read(json, null, 1, Instant.EPOCH, this::meterExists, now);
            } catch (ProblemException others) {
                errors.addAll(others.problem().errors());
            }
            throw ProblemException.invalid(errors);
        }
    }

    private Plan existing(final String code) {
        return catalog.plan(code).orElseThrow(() -> ProblemException.notFound("plan " + code + " does not exist"));
    }

    private boolean meterExists(final String meter) {
        return catalog.meter(meter).isPresent();
    }

    /** Clients look plans up by lookup key, so one key names one plan. */
    private void checkLookupKey(final String code, final PlanVersion version) {
        if (version.lookupKey() == null) {
            return;
        }
        catalog.plans().stream()
            .filter(other -> !other.code().equals(code))
            .filter(other -> Objects.equals(other.latest().lookupKey(), version.lookupKey()))
            .findFirst()
            .ifPresent(other -> {
                throw ProblemException.conflict("lookup_key " + version.lookupKey() + " already names plan "
                    + other.code());
            });
    }

    private static Plan.PlanStatus status(final JsonNode body, final Plan.PlanStatus otherwise) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        final String status = fields.text("status", false);
        if (status == null) {
            if (!fields.errors().isEmpty()) {
                throw ProblemException.invalid(fields.errors());
            }
            return otherwise;
        }
        return switch (status) {
            case "active" -> Plan.PlanStatus.ACTIVE;
            case "archived" -> Plan.PlanStatus.ARCHIVED;
            default -> throw ProblemException.invalid(List.of(new FieldError("status",
                "unknown status '" + status + "'; expected active or archived")));
        };
    }

    private static HttpResponse<String> withEtag(final HttpResponse<String> response, final Plan plan) {
        return ((MutableHttpResponse<String>) response).header(HttpHeaders.ETAG, PlanView.etag(plan));
    }
}
