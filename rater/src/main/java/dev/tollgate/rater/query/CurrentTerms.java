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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
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
        return groups(terms, charge, 0).totals();
    }

    /**
     * The charge's totals as {@link #chargeTotals}, with how many groups it holds in the period and the
     * {@code listed} of them with the most units (ties in key order). One scan reads every group, and
     * only the listed ones' keys are parsed, so a charge of 10,000 groups costs one pass over them.
     */
    public Groups groups(final Terms terms, final Charge charge, final int listed) {
        final ReadOnlyKeyValueStore<String, ChargeState> aggregates = aggregates(terms);
        final String subscription = terms.subscription().id();
        final Instant start = terms.period().start();
        final ChargeState stored = aggregates.get(StateKeys.charge(subscription, ChargeSlot.of(charge.code()),
            start));
        final ChargeState ungrouped = stored != null ? stored : carried(terms, charge, aggregates);
        BigDecimal units = ungrouped == null ? Totals.NONE.units() : ungrouped.units();
        BigDecimal amount = ungrouped == null ? Totals.NONE.amount() : ungrouped.amount();
        int count = 0;
        // The fewest units on top, the later key first among equals: the one to drop when the list is full.
        final PriorityQueue<Listed> top = new PriorityQueue<>(Comparator.comparing(Listed::units)
            .thenComparing(Comparator.comparingInt(Listed::order).reversed()));
        try (KeyValueIterator<String, ChargeState> groups = aggregates.prefixScan(
            StateKeys.groupsPrefix(subscription, charge.code(), start), new StringSerializer())) {
            while (groups.hasNext()) {
                final KeyValue<String, ChargeState> group = groups.next();
                units = units.add(group.value.units());
                amount = amount.add(group.value.amount());
                if (listed > 0) {
                    top.add(new Listed(group.key, group.value.units(), count));
                    if (top.size() > listed) {
                        top.poll();
                    }
                }
                count++;
            }
        }
        final List<GroupUnits> most = new ArrayList<>(top.size());
        while (!top.isEmpty()) {
            final Listed group = top.poll();
            most.add(new GroupUnits(StateKeys.chargeOf(group.key()).group(), group.units()));
        }
        Collections.reverse(most);
        return new Groups(new Totals(units, amount), count, most);
    }

    /**
     * One group's state in the terms' period, as the rating step reads it for an event of that group:
     * the stored state, else for a recurring charge the value it carries in, else nothing yet.
     */
    public ChargeState group(final Terms terms, final Charge charge, final List<String> group) {
        final ReadOnlyKeyValueStore<String, ChargeState> aggregates = aggregates(terms);
        final ChargeSlot slot = new ChargeSlot(charge.code(), group);
        final ChargeState stored = aggregates.get(StateKeys.charge(terms.subscription().id(), slot,
            terms.period().start()));
        if (stored != null) {
            return stored;
        }
        final ChargeRater rater = recurringRater(charge);
        return rater == null ? ChargeState.empty() : RecurringValues.opening(aggregates::get, terms.subscription(),
            terms.version(), terms.period().start(), slot, rater);
    }

    private ReadOnlyKeyValueStore<String, ChargeState> aggregates(final Terms terms) {
        return stores.store(StateStores.CHARGE_AGGREGATES.name(), StateStores.CHARGE_AGGREGATES.queryType(),
            terms.partition());
    }

    /** A recurring charge's value where no event of the period reported one yet; null for other charges. */
    private ChargeState carried(final Terms terms, final Charge charge,
                                final ReadOnlyKeyValueStore<String, ChargeState> aggregates) {
        final ChargeRater rater = recurringRater(charge);
        return rater == null ? null : RecurringValues.opening(aggregates::get, terms.subscription(), terms.version(),
            terms.period().start(), ChargeSlot.of(charge.code()), rater);
    }

    /** The charge's rater when its meter is recurring; null for other charges. */
    private ChargeRater recurringRater(final Charge charge) {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Meter>> meters =
            stores.store(StateStores.METERS.name(), StateStores.METERS.queryType());
        final Meter meter = ValueAndTimestamp.getValueOrNull(meters.get(charge.meter()));
        if (meter == null || !meter.recurring()) {
            return null;
        }
        return ChargeRater.of(meter.aggregation(), charge.model(), charge.properties());
    }

    /** A charge's units and amount in a period. */
    public record Totals(BigDecimal units, BigDecimal amount) {

        static final Totals NONE = new Totals(ChargeState.empty().units(), ChargeState.empty().amount());
    }

    /**
     * A charge's totals over all its groups in a period, and some of its groups.
     *
     * @param count how many groups it holds
     * @param most the groups asked for with the most units, the most first
     */
    public record Groups(Totals totals, int count, List<GroupUnits> most) {
    }

    /** @param group the group's values of the charge's pricing_group_keys (a value may be null) */
    public record GroupUnits(List<String> group, BigDecimal units) {
    }

    /** A group kept while scanning: its key, parsed only if it stays listed, and its place in key order. */
    private record Listed(String key, BigDecimal units, int order) {
    }

    /**
     * @param partition the customer's partition, whose stores hold the subscription's aggregates
     */
    public record Terms(Subscription subscription, String planCode, PlanVersion version, BillingPeriod period,
                        int partition) {
    }
}
