package dev.tollgate.rater.query;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.rating.Period;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code GET /v1/customers/{id}/usage} on the instance that owns the customer, from the
 * {@code subscriptions}, {@code plans} and {@code charge-aggregates} stores (through {@link CurrentTerms}).
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class UsageQueries {

    private final CurrentTerms terms;
    private final Clock clock;

    public UsageQueries(final CurrentTerms terms, final Clock clock) {
        this.terms = terms;
        this.clock = clock;
    }

    public UsageView currentUsage(final String customerId, final int partition) {
        final CurrentTerms.Terms current = terms.at(customerId, partition, clock.instant());
        final List<Charge> planCharges = current.version().charges();
        final List<UsageView.ChargeUsage> charges = new ArrayList<>(planCharges.size());
        BigDecimal total = BigDecimal.ZERO;
        for (final Charge charge : planCharges) {
            final CurrentTerms.Totals totals = terms.chargeTotals(current, charge);
            final BigDecimal limit = charge.limit() == null ? null : charge.limit().units();
            final BigDecimal remaining = limit == null ? null : limit.subtract(totals.units()).max(BigDecimal.ZERO);
            charges.add(new UsageView.ChargeUsage(charge.code(), charge.meter(), totals.units(), totals.amount(),
                limit, remaining));
            total = total.add(totals.amount());
        }
        return new UsageView(customerId, current.subscription().id(), current.planCode(), current.version().version(),
            current.version().currency(), new Period(current.period().start(), current.period().end()), charges,
            total);
    }
}
