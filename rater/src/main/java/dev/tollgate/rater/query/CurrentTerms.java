package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.rating.RecurringValues;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * What a customer is billed under right now, and the running state of its charges in the current
 * period, chosen exactly as the rating step chooses them for an event stamped now.
 *
 * <p>Reads {@code subscriptions} (customer_id → CustomerSubscriptions, one partition), {@code plans}
 * (global, code → Plan) and {@code charge-aggregates} ((subscription, period start, charge) →
 * ChargeState, the same partition as the customer).
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class CurrentTerms {

    private final RaterStores stores;

    public CurrentTerms(final RaterStores stores) {
        this.stores = stores;
    }

    /** The subscription, plan version and billing period in force at {@code now}; 404 without a subscription. */
    public Terms at(final String customerId, final int partition, final Instant now) {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<CustomerSubscriptions>> subscriptions =
            stores.store(StateStores.SUBSCRIPTIONS.name(), StateStores.SUBSCRIPTIONS.queryType(), partition);
        final CustomerSubscriptions customer = ValueAndTimestamp.getValueOrNull(subscriptions.get(customerId));
        final Subscription subscription = customer == null ? null : customer.activeAt(now).orElse(null);
        if (subscription == null) {
            throw ProblemException.notFound("customer " + customerId + " has no subscription in force");
        }
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Plan>> plans =
            stores.store(StateStores.PLANS.name(), StateStores.PLANS.queryType());
        final Plan plan = ValueAndTimestamp.getValueOrNull(plans.get(subscription.plan()));
        final PlanVersion version = plan == null ? null
            : plan.versionFor(subscription.planVersion(), now).orElse(null);
        if (version == null) {
            // The subscription names a plan this instance has not read yet: a moment later it will have.
            throw RaterStores.notReady("plan " + subscription.plan() + " is not known to the rater yet");
        }
        final BillingPeriod period = subscription.schedule(version).gridPeriodAt(now);
        return new Terms(subscription, plan.code(), version, period, partition);
    }

    /**
     * The charge's units and amount in the terms' period, zero when no event has counted yet; for a
     * charge with pricing_group_keys, summed over its groups.
     */
    public Totals chargeTotals(final Terms terms, final Charge charge) {
        final ReadOnlyKeyValueStore<String, ChargeState> aggregates =
            stores.store(StateStores.CHARGE_AGGREGATES.name(), StateStores.CHARGE_AGGREGATES.queryType(), terms.partition());
        final String subscription = terms.subscription().id();
        final Instant start = terms.period().start();
        final ChargeState stored = aggregates.get(StateKeys.charge(subscription, ChargeSlot.of(charge.code()),
            start));
        final ChargeState ungrouped = stored != null ? stored : carried(terms, charge, aggregates);
        Totals totals = ungrouped == null ? Totals.NONE : new Totals(ungrouped.units(), ungrouped.amount());
        try (KeyValueIterator<String, ChargeState> groups = aggregates.prefixScan(
            StateKeys.groupsPrefix(subscription, charge.code(), start), new StringSerializer())) {
            while (groups.hasNext()) {
                final ChargeState group = groups.next().value;
                totals = new Totals(totals.units().add(group.units()), totals.amount().add(group.amount()));
            }
        }
        return totals;
    }

    /** A recurring charge's value where no event of the period reported one yet; null for other charges. */
    private ChargeState carried(final Terms terms, final Charge charge,
                                final ReadOnlyKeyValueStore<String, ChargeState> aggregates) {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Meter>> meters =
            stores.store(StateStores.METERS.name(), StateStores.METERS.queryType());
        final Meter meter = ValueAndTimestamp.getValueOrNull(meters.get(charge.meter()));
        if (meter == null || !meter.recurring()) {
            return null;
        }
        final ChargeRater rater = ChargeRater.of(meter.aggregation(), charge.model(), charge.properties());
        return RecurringValues.opening(aggregates::get, terms.subscription(), terms.version(), terms.period().start(),
            ChargeSlot.of(charge.code()), rater);
    }

    /** A charge's units and amount in a period. */
    public record Totals(BigDecimal units, BigDecimal amount) {

        static final Totals NONE = new Totals(ChargeState.empty().units(), ChargeState.empty().amount());
    }

    /**
     * @param partition the customer's partition, whose stores hold the subscription's aggregates
     */
    public record Terms(Subscription subscription, String planCode, PlanVersion version, BillingPeriod period,
                        int partition) {
    }
}
