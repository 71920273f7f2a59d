package dev.tollgate.rater.closing;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.pricing.charge.ChargeDefinition;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.rating.RecurringValues;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.SpendState;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.statement.StatementAssembler;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes billing periods. A period closes once both the wall clock and the task's stream time have
 * passed its end plus the late grace: its statement is computed from the period's charge states,
 * published once, kept for queries, and only then the period's charge states and alert marks are deleted, so
 * rating state is bounded by the open periods. After that, an event dated before the close is
 * {@code LATE}. Which subscriptions are due comes from the {@link CloseSchedule}; a run stops when
 * its caller's time budget is spent ({@link PeriodCloseProcessor}).
 *
 * <p>Stores: {@code subscriptions} (read), {@code charge-aggregates} (read, then deleted per period),
 * {@code alerts-sent}, {@code spend-totals} (deleted per period), and those of the {@link CloseSchedule} and the
 * {@link StatementArchive}.
 */
final class PeriodCloser {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodCloser.class);
    /** A subscription far behind (the rater was down for months) catches up over several runs. */
    private static final int MAX_PERIODS_PER_RUN = 12;
    /** Due entries read from the schedule at a time. */
    private static final int BATCH = 100;
    private static final StringSerializer KEYS = new StringSerializer();

    private final CatalogView catalog;
    private final StatementAssembler assembler;
    private final CloseSchedule schedule;
    private final TimestampedKeyValueStore<String, CustomerSubscriptions> subscriptions;
    private final KeyValueStore<String, ChargeState> aggregates;
    private final KeyValueStore<String, Long> alertsSent;
    private final KeyValueStore<String, Long> distinctValues;
    private final KeyValueStore<String, SpendState> spendTotals;
    private final StatementArchive archive;

    PeriodCloser(final CatalogView catalog, final CloseSchedule schedule,
                 final TimestampedKeyValueStore<String, CustomerSubscriptions> subscriptions,
                 final KeyValueStore<String, ChargeState> aggregates, final KeyValueStore<String, Long> alertsSent,
                 final KeyValueStore<String, Long> distinctValues,
                 final KeyValueStore<String, SpendState> spendTotals, final StatementArchive archive) {
        this.catalog = catalog;
        this.assembler = new StatementAssembler(catalog::meter, catalog::addOn, catalog::coupon);
        this.schedule = schedule;
        this.subscriptions = subscriptions;
        this.aggregates = aggregates;
        this.alertsSent = alertsSent;
        this.distinctValues = distinctValues;
        this.spendTotals = spendTotals;
        this.archive = archive;
    }

    /**
     * Closes the periods that are due at {@code now}, the longest due first, until none is left or
     * {@code outOfTime} says so; emits each statement. A subscription whose statement cannot be built
     * yet keeps its entry and is passed over until the next run.
     */
    void closeDue(final Instant now, final BooleanSupplier outOfTime, final Consumer<PeriodStatement> emit) {
        String after = null;
        while (!outOfTime.getAsBoolean()) {
            final List<CloseSchedule.Due> batch = schedule.due(now, after, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (final CloseSchedule.Due due : batch) {
                after = due.key();
                close(due, now, emit);
                if (outOfTime.getAsBoolean()) {
                    return;
                }
            }
        }
    }

    private void close(final CloseSchedule.Due due, final Instant now, final Consumer<PeriodStatement> emit) {
        final Optional<Subscription> subscription = Optional.ofNullable(
                ValueAndTimestamp.getValueOrNull(subscriptions.get(due.customerId())))
            .flatMap(customer -> customer.byId(due.subscriptionId()));
        try {
            subscription.ifPresent(found -> closeDue(found, now, emit));
        } catch (RuntimeException e) {
            // A catalog entry not seen yet (a meter, an add-on): the entry stays and the next run retries.
            LOG.warn("cannot close a period of subscription {} yet: {}", due.subscriptionId(), e.getMessage());
            return;
        }
        schedule.done(due);
        subscription.ifPresent(schedule::schedule);
    }

    private void closeDue(final Subscription subscription, final Instant now, final Consumer<PeriodStatement> emit) {
        final Plan plan = catalog.plan(subscription.plan());
        if (plan == null) {
            return;
        }
        final Duration grace = schedule.lateGrace();
        Instant cursor = schedule.cursor(subscription);
        final Optional<PlanVersion> first = plan.versionFor(subscription.planVersion(), subscription.startedAt());
        if (first.isPresent() && !subscription.startedAt().isAfter(now) && schedule.openingDue(subscription, first.get())) {
            final PeriodStatement opening = assembler.assembleOpening(subscription, plan, first.get(), now);
            archive.keepOpening(subscription.schedule(first.get()).gridPeriodAt(subscription.startedAt()).start(),
                opening);
            emit.accept(opening);
        }
        for (int run = 0; run < MAX_PERIODS_PER_RUN; run++) {
            final Optional<CloseSchedule.NextClose> next = CloseSchedule.next(subscription, plan, cursor);
            if (next.isEmpty() || next.get().end().plus(grace).isAfter(now)) {
                break;
            }
            final BillingPeriod grid = next.get().grid();
            final Instant end = next.get().end();
            final Instant start = grid.start().isBefore(subscription.startedAt()) ? subscription.startedAt()
                : grid.start();
            final PeriodState state = readState(subscription.id(), plan, grid.start());
            // Built before anything is deleted: a build that fails (a meter not known yet) leaves the
            // period's usage in place for the next run.
            final Map<ChargeSlot, ChargeState> charges = withCarried(subscription, next.get().version(), grid.start(),
                state.charges());
            final String spendKey = StateKeys.spend(subscription.id(), grid.start());
            final SpendState spent = spendTotals.get(spendKey);
            final PeriodStatement statement = assembler.assemble(subscription, plan, next.get().version(), grid,
                new BillingPeriod(start, end), charges,
                feePeriodStart -> archive.billedInAdvance(subscription, next.get().version(), feePeriodStart),
                spent == null ? BigDecimal.ZERO : spent.interimBilled(), now);
            archive.keep(grid.start(), statement);
            schedule.markClosed(subscription.id(), end);
            emit.accept(statement);
            state.delete(aggregates, alertsSent, distinctValues);
            spendTotals.delete(spendKey);
            carry(subscription, next.get().version(), end, charges);
            cursor = end;
        }
        archive.forgetExpired(subscription, now);
    }

    /**
     * The period's states with, for each charge on a recurring meter, the value carried into it where
     * no event reported one: what the previous period closed with, priced under this period's version.
     */
    private Map<ChargeSlot, ChargeState> withCarried(final Subscription subscription, final PlanVersion version,
                                                     final Instant periodStart, final Map<ChargeSlot, ChargeState> read) {
        final Map<ChargeSlot, ChargeState> charges = new LinkedHashMap<>(read);
        for (final Charge charge : version.charges()) {
            final Meter meter = catalog.meter(charge.meter());
            if (meter == null || !meter.recurring()) {
                continue;
            }
            final ChargeRater rater = ChargeRater.of(meter.aggregation(), charge.model(), charge.properties());
            for (final ChargeSlot slot : carriedSlots(subscription.id(), charge)) {
                if (!charges.containsKey(slot)) {
                    final ChargeState opening = RecurringValues.opening(aggregates::get, subscription, version,
                        periodStart, slot, rater);
                    if (opening.events() > 0) {
                        charges.put(slot, opening);
                    }
                }
            }
        }
        return charges;
    }

    /** The ungrouped slot of a recurring charge and, for a grouped one, every group a close carried. */
    private List<ChargeSlot> carriedSlots(final String subscriptionId, final Charge charge) {
        final List<ChargeSlot> slots = new ArrayList<>();
        slots.add(ChargeSlot.of(charge.code()));
        if (!ChargeDefinition.parse(charge.model(), charge.properties()).pricingGroupKeys().isEmpty()) {
            try (KeyValueIterator<String, ChargeState> groups = aggregates.prefixScan(
                StateKeys.carriedGroupsPrefix(subscriptionId, charge.code()), KEYS)) {
                groups.forEachRemaining(entry -> slots.add(StateKeys.chargeOf(entry.key)));
            }
        }
        return slots;
    }

    /**
     * Keeps what each recurring charge closed the period with for the periods after it, or forgets it
     * when this was the subscription's last period.
     */
    private void carry(final Subscription subscription, final PlanVersion version, final Instant end,
                       final Map<ChargeSlot, ChargeState> charges) {
        final boolean last = subscription.endedAt() != null && !subscription.endedAt().isAfter(end);
        for (final Charge charge : version.charges()) {
            final Meter meter = catalog.meter(charge.meter());
            if (meter == null || !meter.recurring()) {
                continue;
            }
            for (final Map.Entry<ChargeSlot, ChargeState> entry : charges.entrySet()) {
                if (entry.getKey().code().equals(charge.code())) {
                    final String key = StateKeys.carry(subscription.id(), entry.getKey());
                    if (last) {
                        aggregates.delete(key);
                    } else {
                        aggregates.put(key, entry.getValue());
                    }
                }
            }
        }
    }

    /**
     * The period's charge states, and the keys of them, of their alert marks and of the values their
     * unique_count charges counted, which the close deletes. Keys are looked up one by one from the
     * plan's charges rather than scanned: opening an iterator on a store costs far more than a read
     * (Kafka Streams registers an open-iterator metric for it), and a calendar month's end closes
     * every subscription of a task at once. Only a grouped charge's states and a unique_count
     * charge's values, whose keys hold event values, are scanned.
     */
    private PeriodState readState(final String subscriptionId, final Plan plan, final Instant periodStart) {
        final Map<ChargeSlot, ChargeState> states = new LinkedHashMap<>();
        final List<String> keys = new ArrayList<>();
        final List<String> marks = new ArrayList<>();
        final List<String> distinct = new ArrayList<>();
        for (final PeriodCharge charge : PeriodCharge.of(plan, catalog::meter).values()) {
            final List<String> found = new ArrayList<>(1);
            if (charge.grouped()) {
                try (KeyValueIterator<String, ChargeState> groups = aggregates.prefixScan(
                    StateKeys.groupsPrefix(subscriptionId, charge.code(), periodStart), KEYS)) {
                    groups.forEachRemaining(entry -> {
                        found.add(entry.key);
                        states.put(StateKeys.chargeOf(entry.key), entry.value);
                    });
                }
            }
            final String ungrouped = StateKeys.charge(subscriptionId, ChargeSlot.of(charge.code()), periodStart);
            final ChargeState state = aggregates.get(ungrouped);
            if (state != null) {
                found.add(ungrouped);
                states.put(ChargeSlot.of(charge.code()), state);
            }
            for (final String key : found) {
                for (final BigDecimal level : charge.alertLevels()) {
                    final String mark = StateKeys.alert(key, level);
                    if (alertsSent.get(mark) != null) {
                        marks.add(mark);
                    }
                }
                if (charge.countsDistinct()) {
                    try (KeyValueIterator<String, Long> values = distinctValues.prefixScan(
                        StateKeys.distinctPrefix(key), KEYS)) {
                        values.forEachRemaining((KeyValue<String, Long> entry) -> distinct.add(entry.key));
                    }
                }
            }
            keys.addAll(found);
        }
        return new PeriodState(states, keys, marks, distinct);
    }

    /** What a period left in the stores: after its statement nothing reads it. */
    private record PeriodState(Map<ChargeSlot, ChargeState> charges, List<String> chargeKeys, List<String> marks,
                               List<String> distinctValues) {

        void delete(final KeyValueStore<String, ChargeState> aggregates, final KeyValueStore<String, Long> alerts,
                    final KeyValueStore<String, Long> distinct) {
            chargeKeys.forEach(aggregates::delete);
            marks.forEach(alerts::delete);
            distinctValues.forEach(distinct::delete);
        }
    }
}
