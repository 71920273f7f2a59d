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
import dev.tollgate.pricing.statement.GrantUse;
import dev.tollgate.pricing.statement.LineType;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.credit.CreditPayments;
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
    private final PeriodStatements periodStatements;
    private final CloseSchedule schedule;
    private final TimestampedKeyValueStore<String, CustomerSubscriptions> subscriptions;
    private final KeyValueStore<String, ChargeState> aggregates;
    private final KeyValueStore<String, Long> alertsSent;
    private final KeyValueStore<String, Long> distinctValues;
    private final KeyValueStore<String, BigDecimal> creditUse;
    private final KeyValueStore<String, SpendState> spendTotals;
    private final StatementArchive archive;

    PeriodCloser(final CatalogView catalog, final CloseSchedule schedule,
                 final TimestampedKeyValueStore<String, CustomerSubscriptions> subscriptions,
                 final KeyValueStore<String, ChargeState> aggregates, final KeyValueStore<String, Long> alertsSent,
                 final KeyValueStore<String, Long> distinctValues, final KeyValueStore<String, BigDecimal> creditUse,
                 final KeyValueStore<String, SpendState> spendTotals, final StatementArchive archive,
                 final PeriodStatements periodStatements) {
        this.catalog = catalog;
        this.assembler = new StatementAssembler(catalog::meter, catalog::addOn, catalog::coupon);
        this.periodStatements = periodStatements;
        this.schedule = schedule;
        this.subscriptions = subscriptions;
        this.aggregates = aggregates;
        this.alertsSent = alertsSent;
        this.distinctValues = distinctValues;
        this.creditUse = creditUse;
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
            final Instant end = next.get().end();
            final PeriodStatements.Reading reading = periodStatements.read(subscription.id(), plan,
                next.get().grid().start());
            // Built before anything is deleted: a build that fails (a meter not known yet) leaves the
            // period's usage in place for the next run.
            final PeriodStatements.Built built = periodStatements.build(subscription, plan, next.get(), reading, now);
            archive.keep(next.get().grid().start(), built.statement());
            schedule.markClosed(subscription.id(), end);
            emit.accept(built.statement());
            deleteState(plan, reading);
            giveBackUnbilledCredit(subscription.customerId(), reading, built.statement());
            spendTotals.delete(StateKeys.spend(subscription.id(), next.get().grid().start()));
            carry(subscription, next.get().version(), end, built.charges());
            cursor = end;
        }
        archive.forgetExpired(subscription, now);
    }

    /**
     * What a grant paid of the period and the statement did not take (its line is rounded down to whole
     * minor units, and never bills more than the period owes) goes back to the grant, so the wallet
     * holds exactly what the statements did not take from it.
     */
    private void giveBackUnbilledCredit(final String customerId, final PeriodStatements.Reading reading,
                                        final PeriodStatement statement) {
        for (final GrantUse grant : reading.grantsUsed()) {
            final BigDecimal billed = statement.lines().stream()
                .filter(line -> LineType.CREDIT_GRANT.wireName().equals(line.type()) && grant.grantId().equals(line.code()))
                .map(line -> line.amount().negate()).findFirst().orElse(BigDecimal.ZERO);
            final BigDecimal back = grant.paid().subtract(billed);
            if (back.signum() > 0) {
                final String key = StateKeys.creditUsed(customerId, grant.grantId());
                creditUse.put(key, CreditPayments.usedOf(creditUse, customerId, grant.grantId()).subtract(back)
                    .max(BigDecimal.ZERO));
            }
        }
        reading.grantKeys().forEach(creditUse::delete);
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
     * Deletes what the closed period left: its charge states, their alert marks and the values their
     * unique_count charges counted. After its statement nothing reads them.
     */
    private void deleteState(final Plan plan, final PeriodStatements.Reading reading) {
        final Map<String, PeriodCharge> charges = PeriodCharge.of(plan, catalog::meter);
        final List<String> marks = new ArrayList<>();
        final List<String> distinct = new ArrayList<>();
        for (final Map.Entry<ChargeSlot, String> entry : reading.keys().entrySet()) {
            final PeriodCharge charge = charges.get(entry.getKey().code());
            final String key = entry.getValue();
            for (final BigDecimal level : charge.alertLevels()) {
                final String mark = StateKeys.alert(key, level);
                if (alertsSent.get(mark) != null) {
                    marks.add(mark);
                }
            }
            if (charge.countsDistinct()) {
                try (KeyValueIterator<String, Long> values = distinctValues.prefixScan(StateKeys.distinctPrefix(key),
                    KEYS)) {
                    values.forEachRemaining((KeyValue<String, Long> value) -> distinct.add(value.key));
                }
            }
        }
        reading.keys().values().forEach(aggregates::delete);
        marks.forEach(alertsSent::delete);
        distinct.forEach(distinctValues::delete);
    }
}
