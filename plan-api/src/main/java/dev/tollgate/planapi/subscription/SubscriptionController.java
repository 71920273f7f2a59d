package dev.tollgate.planapi.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.planapi.catalog.QueryFilters;
import dev.tollgate.planapi.catalog.RecordBudget;
import dev.tollgate.planapi.store.CatalogDecision;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.planapi.store.CatalogWrite;
import dev.tollgate.planapi.subscription.TermsReader.Terms;
import dev.tollgate.pricing.validation.FieldError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscriptions: {@code POST /v1/subscriptions}, {@code GET /v1/subscriptions?customer_id=&plan=},
 * {@code GET/DELETE /v1/subscriptions/{id}} and {@code POST /v1/subscriptions/{id}/plan-change}.
 * All of a customer's subscriptions are one record of {@code tollgate.subscriptions}, keyed by the
 * customer, so every change rewrites that record.
 */
@Controller("/v1/subscriptions")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class SubscriptionController {

    /** Fields a subscription is shown with but that the API sets. */
    static final List<String> READ_ONLY = List.of("ended_at", "previous_id");
    private static final String TOO_MANY = "a customer's subscriptions are one record, which keeps every plan"
        + " change; give further subscriptions another customer_id";

    private static final List<String> LIST_FILTERS = List.of("customer_id", "plan");

    private final CatalogStore catalog;
    private final Clock clock;

    public SubscriptionController(final CatalogStore catalog, final Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> create(@Body final byte[] body) {
        final JsonNode json = JsonBodies.parseObject(body);
        final Instant now = clock.instant();
        return JsonBodies.created(catalog.write(() -> {
            final JsonFields fields = new JsonFields(json, "", new ArrayList<>());
            fields.onlyFields("a subscription", TermsReader.fields("id", "customer_id", "started_at"), READ_ONLY);
            final String id = fields.identifier("id");
            final String customerId = fields.identifier("customer_id");
            final Instant startedAt = fields.has("started_at") ? fields.instant("started_at") : now;
            final Terms terms = TermsReader.read(fields, catalog, Terms.NONE);
            if (!fields.errors().isEmpty()) {
                throw ProblemException.invalid(fields.errors());
            }
            if (catalog.subscription(id).isPresent()) {
                throw ProblemException.conflict("subscription " + id + " already exists");
            }
            final Subscription subscription = new Subscription(id, customerId, terms.plan(), terms.planVersion(),
                startedAt, null, terms.billingTime(), terms.seats(), terms.addOns(), terms.coupons(), null,
                terms.billingInterval(), terms.spendLimit(), terms.spendThresholds(),
                terms.blockWhenCreditsExhausted());
            final CustomerSubscriptions customer = customerOf(customerId).with(subscription);
            RecordBudget.mustFit(customer, "the subscriptions of customer " + customerId, TOO_MANY);
            return CatalogDecision.of(subscription, write(customer));
        }));
    }

    /**
     * Moves the subscription to another plan (or other terms) at {@code at}, now by default: it ends
     * there, and a new subscription, naming it as {@code previous_id}, starts at the same instant. Usage
     * before {@code at} stays rated with the old plan, usage from it on with the new one.
     */
    @Post("/{id}/plan-change")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> changePlan(@PathVariable final String id, @Body final byte[] body) {
        final JsonNode json = JsonBodies.parseObject(body);
        final Instant now = clock.instant();
        return JsonBodies.created(catalog.write(() -> {
            final Subscription current = existing(id);
            final JsonFields fields = new JsonFields(json, "", new ArrayList<>());
            fields.onlyFields("a plan change", TermsReader.fields("id", "at"), List.of());
            final String nextId = fields.has("id") ? fields.identifier("id") : id + "-" + UUID.randomUUID();
            final Instant at = fields.has("at") ? fields.instant("at") : now;
            final Terms terms = TermsReader.read(fields, catalog, new Terms(current.plan(), null,
                current.billingTime(), current.seats(), current.addOns(), current.coupons(),
                current.billingInterval(), current.spendLimit(), current.spendThresholds(),
                current.blockWhenCreditsExhausted()));
            if (at != null) {
                checkChangeTime(fields, current, at, now);
            }
            if (!fields.errors().isEmpty()) {
                throw ProblemException.invalid(fields.errors());
            }
            if (current.endedAt() != null) {
                throw ProblemException.conflict("subscription " + id + " ends at " + current.endedAt()
                    + "; change the plan of the subscription that follows it");
            }
            if (catalog.subscription(nextId).isPresent()) {
                throw ProblemException.conflict("subscription " + nextId + " already exists");
            }
            final Subscription next = new Subscription(nextId, current.customerId(), terms.plan(),
                terms.planVersion(), at, null, terms.billingTime(), terms.seats(), terms.addOns(), terms.coupons(),
                id, terms.billingInterval(), terms.spendLimit(), terms.spendThresholds(),
                terms.blockWhenCreditsExhausted());
            final CustomerSubscriptions customer = customerOf(current.customerId()).with(current.endedAt(at))
                .with(next);
            RecordBudget.mustFit(customer, "the subscriptions of customer " + current.customerId(), TOO_MANY);
            return CatalogDecision.of(next, write(customer));
        }));
    }

    private static void checkChangeTime(final JsonFields fields, final Subscription current, final Instant at,
                                        final Instant now) {
        if (!at.isAfter(current.startedAt())) {
            fields.error("at", "must be after the subscription's start, " + current.startedAt());
        } else if (at.isBefore(now)) {
            fields.error("at", "must not be in the past: usage already rated with the old plan stays so");
        }
    }

    /**
     * Terminates the subscription now: its current period closes at this instant. Subscriptions
     * scheduled to follow it (a plan change not yet in force) are cancelled with it; a subscription that
     * has not started yet is removed, as it was never in force.
     */
    @Delete("/{id}")
    public HttpResponse<String> terminate(@PathVariable final String id) {
        final Instant now = clock.instant();
        return JsonBodies.ok(catalog.write(() -> {
            final Subscription current = existing(id);
            if (current.endedAt() != null && !current.endedAt().isAfter(now)) {
                throw ProblemException.conflict("subscription " + id + " already ended at " + current.endedAt());
            }
            final CustomerSubscriptions customer = customerOf(current.customerId());
            final List<Subscription> kept = new ArrayList<>();
            Subscription ended = current;
            for (final Subscription subscription : customer.subscriptions()) {
                final boolean cancelled = subscription.startedAt().isAfter(now)
                    && (subscription.id().equals(id) || followsFrom(customer, subscription, id));
                if (subscription.id().equals(id) && !cancelled) {
                    ended = subscription.endedAt(now);
                    kept.add(ended);
                } else if (subscription.id().equals(id)) {
                    ended = subscription.endedAt(subscription.startedAt());
                } else if (!cancelled) {
                    kept.add(subscription);
                }
            }
            return CatalogDecision.of(ended, write(new CustomerSubscriptions(current.customerId(), kept)));
        }));
    }

    /** Whether {@code subscription} replaced {@code id}, directly or through other plan changes. */
    private static boolean followsFrom(final CustomerSubscriptions customer, final Subscription subscription,
                                       final String id) {
        String previous = subscription.previousId();
        for (int hops = 0; previous != null && hops <= customer.subscriptions().size(); hops++) {
            if (previous.equals(id)) {
                return true;
            }
            previous = customer.byId(previous).map(Subscription::previousId).orElse(null);
        }
        return false;
    }

    @Get("/{id}")
    public HttpResponse<String> get(@PathVariable final String id) {
        return JsonBodies.ok(existing(id));
    }

    /**
     * A customer's subscriptions ({@code customer_id}), a plan's ({@code plan}), or, both given, that
     * customer's on that plan; oldest first, so a customer's plan changes read as a chain. Ended and
     * future subscriptions are listed too: the list is who was, is or will be on the plan.
     */
    @Get
    public HttpResponse<String> list(final HttpRequest<?> request) {
        final Map<String, String> filters = QueryFilters.read(request, LIST_FILTERS);
        final String customerId = filters.get("customer_id");
        final String plan = filters.get("plan");
        if (customerId == null && plan == null) {
            throw ProblemException.invalid(List.of(new FieldError("customer_id", "is required unless plan is"
                + " given: GET /v1/subscriptions?customer_id=<customer> or ?plan=<plan code>")));
        }
        if (plan != null && catalog.plan(plan).isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("plan", "plan " + plan + " does not exist")));
        }
        final List<Subscription> found = customerId == null ? catalog.subscriptionsOn(plan)
            : catalog.customer(customerId).map(CustomerSubscriptions::subscriptions).orElse(List.of());
        return JsonBodies.ok(found.stream()
            .filter(subscription -> plan == null || subscription.plan().equals(plan))
            .sorted(Comparator.comparing(Subscription::startedAt).thenComparing(Subscription::id))
            .toList());
    }

    private Subscription existing(final String id) {
        return catalog.subscription(id)
            .orElseThrow(() -> ProblemException.notFound("subscription " + id + " does not exist"));
    }

    private CustomerSubscriptions customerOf(final String customerId) {
        return catalog.customer(customerId).orElse(new CustomerSubscriptions(customerId, List.of()));
    }

    private static CatalogWrite<CustomerSubscriptions> write(final CustomerSubscriptions customer) {
        return CatalogWrite.of(Topics.SUBSCRIPTIONS, customer.customerId(), customer);
    }
}
