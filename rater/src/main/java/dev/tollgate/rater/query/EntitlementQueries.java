package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code GET /v1/customers/{id}/entitlements/{meter}} on the instance that owns the customer,
 * from the {@code subscriptions}, {@code plans} and {@code charge-aggregates} stores (through
 * {@link CurrentTerms}).
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class EntitlementQueries {

    private final CurrentTerms terms;
    private final Clock clock;

    public EntitlementQueries(final CurrentTerms terms, final Clock clock) {
        this.terms = terms;
        this.clock = clock;
    }

    public EntitlementView entitlement(final String customerId, final String meter, final int partition) {
        final CurrentTerms.Terms current = terms.at(customerId, partition, clock.instant());
        final List<EntitlementView.ChargeEntitlement> charges = new ArrayList<>();
        for (final Charge charge : current.version().charges()) {
            if (charge.meter().equals(meter)) {
                final BigDecimal units = terms.chargeTotals(current, charge).units();
                charges.add(charge.limit() == null
                    ? EntitlementView.ChargeEntitlement.of(charge.code(), units, null, false)
                    : EntitlementView.ChargeEntitlement.of(charge.code(), units, charge.limit().units(),
                        charge.limit().enforce()));
            }
        }
        if (charges.isEmpty()) {
            throw ProblemException.notFound("plan " + current.planCode() + " v" + current.version().version()
                + " of customer " + customerId + " has no charge on meter " + meter);
        }
        return EntitlementView.of(customerId, meter, charges);
    }
}
