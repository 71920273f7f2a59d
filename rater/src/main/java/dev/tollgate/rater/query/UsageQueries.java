package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.Period;
import dev.tollgate.pricing.period.BillingAnchor;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingPeriods;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.topology.StoreNames;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Answers usage questions from the rater's state stores on this instance. */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class UsageQueries {

    private final RaterStores stores;
    private final Clock clock;

    public UsageQueries(final RaterStores stores, final Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    public UsageView currentUsage(final String customerId) {
        final Instant now = clock.instant();
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<CustomerSubscriptions>> subscriptions =
            stores.store(StoreNames.SUBSCRIPTIONS, QueryableStoreTypes.timestampedKeyValueStore());
        final CustomerSubscriptions customer = ValueAndTimestamp.getValueOrNull(subscriptions.get(customerId));
        final Subscription subscription = customer == null ? null : customer.activeAt(now).orElse(null);
        if (subscription == null) {
            throw ProblemException.notFound("customer " + customerId + " has no subscription in force");
        }
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Plan>> plans =
            stores.store(StoreNames.PLANS, QueryableStoreTypes.timestampedKeyValueStore());
        final Plan plan = ValueAndTimestamp.getValueOrNull(plans.get(subscription.plan()));
        final PlanVersion version = plan == null ? null : (subscription.planVersion() != null
            ? plan.version(subscription.planVersion()) : plan.versionAt(now)).orElse(null);
        if (version == null) {
            throw RaterStores.notReady("plan " + subscription.plan() + " is not known to the rater yet");
        }
        final BillingPeriod period = BillingPeriods.periodAt(BillingInterval.fromWire(version.interval()),
            BillingAnchor.fromWire(subscription.billingTime()), subscription.startedAt(), now);
        final ReadOnlyKeyValueStore<String, ChargeState> aggregates =
            stores.store(StoreNames.CHARGE_AGGREGATES, QueryableStoreTypes.keyValueStore());
        final List<UsageView.ChargeUsage> charges = new ArrayList<>(version.charges().size());
        BigDecimal total = BigDecimal.ZERO;
        for (final Charge charge : version.charges()) {
            final ChargeState stored = aggregates.get(StateKeys.charge(subscription.id(), charge.code(),
                period.start()));
            final ChargeState state = stored == null ? ChargeState.empty() : stored;
            final BigDecimal limit = charge.limit() == null ? null : charge.limit().units();
            final BigDecimal remaining = limit == null ? null : limit.subtract(state.units()).max(BigDecimal.ZERO);
            charges.add(new UsageView.ChargeUsage(charge.code(), charge.meter(), state.units(), state.amount(),
                limit, remaining));
            total = total.add(state.amount());
        }
        return new UsageView(customerId, subscription.id(), plan.code(), version.version(), version.currency(),
            new Period(period.start(), period.end()), charges, total);
    }
}
