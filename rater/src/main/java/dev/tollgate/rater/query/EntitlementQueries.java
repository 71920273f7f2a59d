package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Answers {@code GET /v1/customers/{id}/entitlements/{name}} on the instance that owns the customer,
 * from the {@code subscriptions}, {@code plans}, {@code meters} and {@code charge-aggregates} stores
 * (through {@link CurrentTerms}). The name is a meter's code when the plan charges that meter, else a
 * feature flag: on when the plan version in force says so, off when it says so or leaves out a
 * feature another plan declares (the seed plans' default), 404 when no plan knows the name.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class EntitlementQueries {

    private final CurrentTerms terms;
    private final RaterStores stores;
    private final KnownFeatures features;
    private final Clock clock;

    public EntitlementQueries(final CurrentTerms terms, final RaterStores stores, final KnownFeatures features,
                              final Clock clock) {
        this.terms = terms;
        this.stores = stores;
        this.features = features;
        this.clock = clock;
    }

    public Entitlement entitlement(final String customerId, final String name, final int partition) {
        final CurrentTerms.Terms current = terms.at(customerId, partition, clock.instant());
        final List<EntitlementView.ChargeEntitlement> charges = new ArrayList<>();
        for (final Charge charge : current.version().charges()) {
            if (charge.meter().equals(name)) {
                final BigDecimal units = terms.chargeTotals(current, charge).units();
                charges.add(charge.limit() == null
                    ? EntitlementView.ChargeEntitlement.of(charge.code(), units, null, false)
                    : EntitlementView.ChargeEntitlement.of(charge.code(), units, charge.limit().units(),
                        charge.limit().enforce()));
            }
        }
        if (!charges.isEmpty()) {
            return EntitlementView.of(customerId, name, charges);
        }
        final Boolean granted = current.version().features().get(name);
        if (granted != null) {
            return feature(customerId, name, granted, FeatureEntitlementView.FROM_PLAN, current);
        }
        final String plan = "plan " + current.planCode() + " v" + current.version().version() + " of customer "
            + customerId;
        if (isMeter(name)) {
            throw ProblemException.notFound(plan + " has no charge on meter " + name);
        }
        if (features.contains(name)) {
            return feature(customerId, name, false, FeatureEntitlementView.BY_DEFAULT, current);
        }
        throw ProblemException.notFound(plan + " has no charge on a meter " + name + ", and no plan declares a"
            + " feature " + name);
    }

    private boolean isMeter(final String name) {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Meter>> meters =
            stores.store(StateStores.METERS.name(), StateStores.METERS.queryType());
        return ValueAndTimestamp.getValueOrNull(meters.get(name)) != null;
    }

    private static FeatureEntitlementView feature(final String customerId, final String name, final boolean allowed,
                                                  final String source, final CurrentTerms.Terms current) {
        return new FeatureEntitlementView(customerId, name, allowed, source, current.planCode(),
            current.version().version());
    }
}
