package dev.tollgate.planapi.credit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.IdempotencyKey;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CreditGrant;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.planapi.catalog.RecordBudget;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.planapi.store.CatalogDecision;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.planapi.store.CatalogWrite;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /v1/customers/{id}/credit-grants} (admin key): puts prepaid credit into the customer's
 * wallet, a record on {@code tollgate.credit-grants} the rater pays the customer's rated usage from.
 * The grant's {@code id} (or an {@code Idempotency-Key} header) makes the call idempotent: the same id
 * with the same terms answers the grant again (200), with other terms 409. What is left of each grant
 * is the rater's to answer: {@code GET /v1/customers/{id}/credits}.
 */
@Controller("/v1/customers/{customerId}/credit-grants")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class CreditGrantController {

    /** Grants are never deleted, so spent and expired ones count; the record stays far below its size limit. */
    static final int MAX_GRANTS = 2_000;

    private final CatalogStore catalog;
    private final Clock clock;

    public CreditGrantController(final CatalogStore catalog, final Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> grant(@PathVariable final String customerId,
                                      @Header(IdempotencyKey.HEADER) @Nullable final String idempotencyKey,
                                      @Body final byte[] body) {
        final String customerProblem = UsageEventReader.identifierProblem(customerId);
        if (customerProblem != null) {
            throw ProblemException.invalid(List.of(new FieldError("customer_id", customerProblem)));
        }
        final JsonNode json = JsonBodies.parseObject(body);
        final Instant now = clock.instant();
        final Outcome outcome = catalog.write(() -> {
            final CreditGrant grant = CreditGrantReader.read(json, customerId, idempotencyKey, now);
            final CustomerCredits credits = catalog.credits(customerId)
                .orElse(new CustomerCredits(customerId, List.of()));
            final CreditGrant existing = credits.byId(grant.id()).orElse(null);
            if (existing != null) {
                if (!sameTerms(existing, grant)) {
                    throw ProblemException.conflict("credit grant " + grant.id() + " of customer " + customerId
                        + " exists with other terms; a grant is never changed: grant again with another id");
                }
                return CatalogDecision.of(new Outcome(existing, false));
            }
            if (credits.grants().size() >= MAX_GRANTS) {
                throw ProblemException.conflict("customer " + customerId + " has " + MAX_GRANTS
                    + " credit grants, the most one customer may hold");
            }
            final CustomerCredits next = credits.with(grant);
            RecordBudget.mustFit(next, "the credit grants of customer " + customerId, "use fewer, larger grants");
            return CatalogDecision.of(new Outcome(grant, true),
                CatalogWrite.of(Topics.CREDIT_GRANTS, customerId, next));
        });
        return outcome.created() ? JsonBodies.created(outcome.grant()) : JsonBodies.ok(outcome.grant());
    }

    private static boolean sameTerms(final CreditGrant a, final CreditGrant b) {
        return a.amount().compareTo(b.amount()) == 0 && a.currency().equals(b.currency())
            && Objects.equals(a.expiresAt(), b.expiresAt()) && a.priority() == b.priority()
            && Objects.equals(a.reference(), b.reference())
            && sameAlert(a.lowBalanceAlert(), b.lowBalanceAlert());
    }

    private static boolean sameAlert(final CreditGrant.LowBalanceAlert a, final CreditGrant.LowBalanceAlert b) {
        return a == null ? b == null : b != null && same(a.amount(), b.amount()) && same(a.percent(), b.percent());
    }

    private static boolean same(final BigDecimal a, final BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private record Outcome(CreditGrant grant, boolean created) {
    }
}
