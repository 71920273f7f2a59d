package dev.tollgate.planapi.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.period.BillingAnchor;
import dev.tollgate.pricing.validation.InvalidPricingException;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Subscriptions: {@code POST /v1/subscriptions}, {@code GET /v1/subscriptions/{id}}. */
@Controller("/v1/subscriptions")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class SubscriptionController {

    private final CatalogStore catalog;
    private final Clock clock;

    public SubscriptionController(final CatalogStore catalog, final Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public synchronized HttpResponse<String> create(@Body final byte[] body) {
        final Subscription subscription = read(JsonBodies.parseObject(body));
        if (catalog.subscription(subscription.id()).isPresent()) {
            throw ProblemException.conflict("subscription " + subscription.id() + " already exists");
        }
        final CustomerSubscriptions customer = catalog.customer(subscription.customerId())
            .orElse(new CustomerSubscriptions(subscription.customerId(), List.of()));
        catalog.writeSubscriptions(customer.with(subscription));
        return JsonBodies.created(subscription);
    }

    @Get("/{id}")
    public HttpResponse<String> get(@PathVariable final String id) {
        return JsonBodies.ok(catalog.subscription(id)
            .orElseThrow(() -> ProblemException.notFound("subscription " + id + " does not exist")));
    }

    private Subscription read(final JsonNode body) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        final String id = fields.identifier("id");
        final String customerId = fields.identifier("customer_id");
        final String planCode = fields.identifier("plan");
        final Integer pinned = fields.integer("plan_version", 1, Integer.MAX_VALUE);
        final Instant startedAt = fields.has("started_at") ? fields.instant("started_at") : clock.instant();
        final String billingTime = fields.has("billing_time") ? fields.text("billing_time", true)
            : BillingAnchor.CALENDAR.wireName();
        if (billingTime != null) {
            try {
                BillingAnchor.fromWire(billingTime);
            } catch (InvalidPricingException e) {
                e.errors().forEach(error -> fields.error(error.field(), error.message()));
            }
        }
        if (planCode != null) {
            final Plan plan = catalog.plan(planCode).orElse(null);
            if (plan == null) {
                fields.error("plan", "plan " + planCode + " does not exist");
            } else if (plan.status() == Plan.PlanStatus.ARCHIVED) {
                fields.error("plan", "plan " + planCode + " is archived and takes no new subscriptions");
            } else if (pinned != null && plan.version(pinned).isEmpty()) {
                fields.error("plan_version", "plan " + planCode + " has no version " + pinned);
            }
        }
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new Subscription(id, customerId, planCode, pinned, startedAt, null, billingTime);
    }
}
