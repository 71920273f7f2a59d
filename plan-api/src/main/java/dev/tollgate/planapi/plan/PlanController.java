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
import dev.tollgate.planapi.catalog.PlanKeys;
import dev.tollgate.planapi.catalog.QueryFilters;
import dev.tollgate.planapi.catalog.RecordBudget;
import dev.tollgate.planapi.store.CatalogDecision;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.planapi.store.CatalogWrite;
import dev.tollgate.planapi.store.PlanSubscribers;
import dev.tollgate.pricing.validation.FieldError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
import java.util.Map;

/**
 * Plans and their versions: {@code POST/GET /v1/plans}, {@code GET/PUT/DELETE /v1/plans/{code}},
 * {@code GET /v1/plans/{code}/versions[/{version}]}. A plan is shown with its latest version; its ETag
 * is that version's number.
 */
@Controller("/v1/plans")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class PlanController {

    private static final List<String> LIST_FILTERS = List.of("lookup_key", "group");

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
        final PlanSubscribers created = catalog.write(() -> {
            final PlanVersion first = PlanReader.read(json, code, 1, Instant.EPOCH, this::meterExists, now);
            if (catalog.plan(code).isPresent()) {
                throw ProblemException.conflict("plan " + code + " already exists; PUT /v1/plans/" + code
                    + " creates a new version");
            }
            final Plan plan = new Plan(code, status, List.of(first));
            checkKeys(plan);
            RecordBudget.mustFit(plan, "plan " + code, "make its attributes or charges smaller");
            return CatalogDecision.of(withSubscribers(plan, now), CatalogWrite.of(Topics.PLANS, code, plan));
        });
        return withEtag(JsonBodies.created(PlanView.current(created)), created.plan());
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
        final PlanSubscribers updated = catalog.write(() -> {
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
            final List<PlanVersion> versions = new ArrayList<>(plan.versions());
            versions.add(next);
            final Plan versioned = new Plan(code, status(json, plan.status()), versions);
            checkKeys(versioned);
            RecordBudget.mustFit(versioned, "plan " + code, "a plan keeps every version, so archive this one and"
                + " create a new plan for the next terms");
            return CatalogDecision.of(withSubscribers(versioned, now), CatalogWrite.of(Topics.PLANS, code, versioned));
        });
        return withEtag(JsonBodies.ok(PlanView.current(updated)), updated.plan());
    }

    /** Archives the plan: no new subscriptions; existing ones go on with the versions they have. */
    @Delete("/{code}")
    public HttpResponse<String> archive(@PathVariable final String code) {
        final Instant now = clock.instant();
        final PlanSubscribers archived = catalog.write(() -> {
            final Plan plan = existing(code);
            final Plan archive = new Plan(code, Plan.PlanStatus.ARCHIVED, plan.versions());
            return plan.status() == Plan.PlanStatus.ARCHIVED ? CatalogDecision.of(withSubscribers(archive, now))
                : CatalogDecision.of(withSubscribers(archive, now), CatalogWrite.of(Topics.PLANS, code, archive));
        });
        return withEtag(JsonBodies.ok(PlanView.current(archived)), archived.plan());
    }

    /**
     * Every plan, or those whose latest version has the {@code lookup_key} (at most one) or is in the
     * {@code group}; both filters given, a plan must match both.
     */
    @Get
    public HttpResponse<String> list(final HttpRequest<?> request) {
        final Map<String, String> filters = QueryFilters.read(request, LIST_FILTERS);
        final String lookupKey = filters.get("lookup_key");
        final String group = filters.get("group");
        return JsonBodies.ok(catalog.plansSubscribers(clock.instant()).stream()
            .filter(counted -> lookupKey == null || PlanKeys.hasLookupKey(counted.plan(), lookupKey))
            .filter(counted -> group == null || PlanKeys.inGroup(counted.plan(), group))
            .sorted(Comparator.comparingInt((PlanSubscribers counted) -> counted.plan().latest().sortOrder())
                .thenComparing(counted -> counted.plan().code()))
            .map(PlanView::current)
            .toList());
    }

    @Get("/{code}")
    public HttpResponse<String> get(@PathVariable final String code) {
        final PlanSubscribers plan = catalog.planSubscribers(code, clock.instant())
            .orElseThrow(() -> ProblemException.notFound("plan " + code + " does not exist"));
        return withEtag(JsonBodies.ok(PlanView.current(plan)), plan.plan());
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

    /** Counted in the write's decision, from the view the decision read. */
    private PlanSubscribers withSubscribers(final Plan plan, final Instant now) {
        return new PlanSubscribers(plan, catalog.subscriptionsInForce(plan.code(), now));
    }

    private boolean meterExists(final String meter) {
        return catalog.meter(meter).isPresent();
    }

    /**
     * Clients name plans by lookup key, and subscriptions that name only a group take its default, so
     * one key names one plan and a group has at most one default. Checked in the write's decision, so
     * two instances cannot both make a default of one group.
     */
    private void checkKeys(final Plan plan) {
        final PlanVersion version = plan.latest();
        if (version.defaultPlan() && version.group() == null) {
            throw ProblemException.invalid(List.of(new FieldError("default_plan",
                "a default plan is its group's default; give the plan a group")));
        }
        final List<Plan> others = catalog.plans().stream().filter(other -> !other.code().equals(plan.code()))
            .toList();
        if (version.lookupKey() != null) {
            PlanKeys.byLookupKey(others, version.lookupKey()).ifPresent(other -> {
                throw ProblemException.conflict("lookup_key " + version.lookupKey() + " already names plan "
                    + other.code());
            });
        }
        if (PlanKeys.isDefault(plan)) {
            PlanKeys.defaultOf(others, version.group()).ifPresent(other -> {
                throw ProblemException.conflict("plan " + other.code() + " is already the default plan of group "
                    + version.group() + "; make it default_plan: false first, or archive it");
            });
        }
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
