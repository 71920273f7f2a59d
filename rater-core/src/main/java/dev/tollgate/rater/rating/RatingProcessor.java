package dev.tollgate.rater.rating;

import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.Period;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.aggregation.PricingGroups;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.pricing.rating.RatingStep;
import dev.tollgate.pricing.statement.InterimBilling;
import dev.tollgate.pricing.validation.InvalidPricingException;
import dev.tollgate.rater.catalog.CachedCatalogView;
import dev.tollgate.rater.catalog.CatalogChanges;
import dev.tollgate.rater.catalog.StoreCatalogView;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.credit.CreditPayments;
import dev.tollgate.rater.intake.Intake;
import dev.tollgate.rater.intake.UsageIntake;
import dev.tollgate.rater.routing.RaterSinks;
import dev.tollgate.rater.statement.StatementAssembler;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.EventStatus;
import dev.tollgate.rater.state.PendingEvent;
import dev.tollgate.rater.state.SpendState;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The one processor every usage record passes: reads the raw record ({@link UsageIntake}), then for
 * a customer's event dedups, resolves the charges in force, aggregates per (subscription, charge,
 * period), prices the delta with the pricing module, enforces unit and spend limits, publishes interim
 * statements at spend thresholds, and forwards each output to its own sink ({@code RaterSinks}). All the math is in {@code dev.tollgate.pricing}; this class
 * only reads and writes state.
 *
 * <p>Stores: {@code event-status} (window store, (customer, event id) → {@link EventStatus} at the
 * wall-clock time the event was first seen, kept for the dedup window from then), {@code charge-aggregates} ((subscription, period start, charge[, group]) → ChargeState),
 * {@code pending-events} ((customer, event id) → {@link PendingEvent}), {@code alerts-sent}
 * ((subscription, period start, charge, threshold) → when), {@code distinct-values} ((charge state
 * key, value) → when first counted, one entry per value a unique_count charge counted),
 * {@code spend-totals} ((subscription, period start) → the period's running usage amount, checked
 * against the spend limit, with what its interim statements billed and the spend thresholds that
 * fired), {@code closed-periods} (read) and the catalog stores. Periods close in the
 * {@code close-periods} processor, off this path.
 */
public final class RatingProcessor implements Processor<String, byte[], String, byte[]> {

    /**
     * Marks a record this processor wrote back to tollgate.usage-events keyed by its customer: it is
     * rated where it lands and never moved again, so that no partition count can make a record go
     * round. Its value is empty.
     */
    public static final String MOVED_HEADER = "tollgate.moved";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final RaterSettings settings;
    private final RatingCounts counts;
    private final UsageIntake intake;
    private final CatalogChanges changes;
    private CachedCatalogView catalog;
    private ProcessorContext<String, byte[]> context;
    private WindowStore<String, EventStatus> statuses;
    private KeyValueStore<String, ChargeState> aggregates;
    private KeyValueStore<String, PendingEvent> pending;
    private KeyValueStore<String, Long> alertsSent;
    private KeyValueStore<String, Long> distinctValues;
    private KeyValueStore<String, SpendState> spendTotals;
    private ChargeResolver resolver;
    /** Entries in {@code pending}: counted once at start, then kept as events are held and released. */
    private int pendingCount;
    /** Where the next retry run starts; null for the first key. */
    private String pendingCursor;
    private KeyValueStore<String, Long> closedPeriods;
    private CreditPayments credits;

    public RatingProcessor(final RaterSettings settings, final RatingCounts counts, final CatalogChanges changes) {
        this.settings = settings;
        this.counts = counts;
        this.changes = changes;
        this.intake = new UsageIntake(settings.customerPartitions());
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.statuses = StateStores.EVENT_STATUS.in(context);
        this.aggregates = StateStores.CHARGE_AGGREGATES.in(context);
        this.pending = StateStores.PENDING_EVENTS.in(context);
        this.alertsSent = StateStores.ALERTS_SENT.in(context);
        this.distinctValues = StateStores.DISTINCT_VALUES.in(context);
        this.spendTotals = StateStores.SPEND_TOTALS.in(context);
        this.pendingCount = count(pending);
        this.catalog = new CachedCatalogView(new StoreCatalogView(context), changes);
        this.resolver = new ChargeResolver(catalog);
        this.closedPeriods = StateStores.CLOSED_PERIODS.in(context);
        final TimestampedKeyValueStore<String, CustomerCredits> grants = StateStores.CREDIT_GRANTS.in(context);
        this.credits = new CreditPayments(customer -> ValueAndTimestamp.getValueOrNull(grants.get(customer)),
            StateStores.CREDIT_USE.in(context), alertsSent);
        context.schedule(settings.pendingCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::retryPending);
    }

    /** The end of the subscription's last closed period (written by the period close): events dated before it are late. */
    private Optional<Instant> closedThrough(final String subscriptionId) {
        return Optional.ofNullable(closedPeriods.get(subscriptionId)).map(Instant::ofEpochMilli);
    }

    /**
     * Reads the raw record and rates it, rejects it, or, when it sits on another partition than its
     * customer's, writes it back to the topic keyed by the customer, where the owning partition reads
     * it; only then is it counted as read.
     */
    @Override
    public void process(final Record<String, byte[]> record) {
        final int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        final Intake read = intake.read(record.key(), record.value(), record.timestamp(), partition);
        if (read instanceof Intake.Rejected rejected) {
            counts.read();
            counts.rejected(RejectionReason.INVALID);
            RaterSinks.REJECTED.send(context, rejected.key(), rejected.rejection(), record.timestamp());
        } else if (read instanceof Intake.Accepted accepted) {
            if (accepted.misplaced() && record.headers().lastHeader(MOVED_HEADER) == null) {
                RaterSinks.MISPLACED.send(context, accepted.event().customerId(), record.value(), record.timestamp(),
                    new RecordHeaders().add(MOVED_HEADER, new byte[0]));
                return;
            }
            counts.read();
            rate(accepted.event(), record.timestamp());
        }
    }

    private void rate(final UsageEvent event, final long recordTimestampMs) {
        final String statusKey = StateKeys.event(event.customerId(), event.id());
        final long seenAtMs = context.currentSystemTimeMs();
        if (seen(statusKey, seenAtMs)) {
            counts.rejected(RejectionReason.DUPLICATE);
            emitRejection(event, recordTimestampMs, RejectionReason.DUPLICATE,
                "event " + event.id() + " of customer " + event.customerId() + " was already received");
            return;
        }
        final PendingEvent attempt = new PendingEvent(event, seenAtMs, recordTimestampMs);
        if (!rate(attempt, pendingCount < settings.pendingLimit() ? Attempt.MAY_HOLD : Attempt.HOLD_FULL)) {
            counts.held();
            pending.put(statusKey, attempt);
            pendingCount++;
            statuses.put(statusKey, EventStatus.pending(), seenAtMs);
        }
    }

    /**
     * Whether the event was seen within the dedup window. Status entries are stored at the wall-clock
     * time the rater first saw the event, not at the record's timestamp: a replayed record stamped
     * older than stream time minus the window would otherwise be dropped by the window store on write
     * and rated again on every replay. The window reaches as far ahead as back, for an entry written
     * by an instance whose clock ran ahead.
     */
    private boolean seen(final String statusKey, final long nowMs) {
        final long window = settings.dedupWindow().toMillis();
        // The Instant overload formats an error-message prefix on every call, found or not.
        try (WindowStoreIterator<EventStatus> found = statuses.fetch(statusKey, Math.max(0, nowMs - window),
            nowMs + window)) {
            return found.hasNext();
        }
    }

    /**
     * Retries held events, a bounded slice per run: at most {@code pendingRunEntries}, and no longer
     * than {@code pendingRunBudget}. The next run goes on after the last key looked at, wrapping
     * around at the end, so every held event is retried in turn however many wait.
     */
    private void retryPending(final long wallClockMs) {
        final long deadline = System.nanoTime() + settings.pendingRunBudget().toNanos();
        final int most = settings.pendingRunEntries();
        final List<KeyValue<String, PendingEvent>> slice = new ArrayList<>(Math.min(most + 1, pendingCount + 1));
        try (KeyValueIterator<String, PendingEvent> held = pending.range(pendingCursor, null)) {
            while (held.hasNext() && slice.size() <= most) {
                slice.add(held.next());
            }
        }
        pendingCursor = null;
        for (int i = 0; i < slice.size(); i++) {
            final KeyValue<String, PendingEvent> entry = slice.get(i);
            if (i == most || i > 0 && System.nanoTime() - deadline > 0) {
                pendingCursor = entry.key;
                return;
            }
            final boolean holdOver = wallClockMs - entry.value.heldSinceMs() >= settings.catalogHold().toMillis();
            if (rate(entry.value, holdOver ? Attempt.HOLD_OVER : Attempt.MAY_HOLD)) {
                counts.released();
                pending.delete(entry.key);
                pendingCount--;
            }
        }
    }

    private static int count(final KeyValueStore<String, PendingEvent> store) {
        int entries = 0;
        try (KeyValueIterator<String, PendingEvent> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                entries++;
            }
        }
        return entries;
    }

    /**
     * Rates or rejects the event, or reports that it must wait for the catalog.
     *
     * @param kind whether the event may (still) wait when the catalog lacks what it needs
     * @return false when the event is to be held
     */
    private boolean rate(final PendingEvent attempt, final Attempt kind) {
        final UsageEvent event = attempt.event();
        if (catalog.refresh()) {
            resolver.forgetCompiled();
        }
        final Resolution resolution = resolver.resolve(event);
        if (resolution instanceof Resolution.Unpriced unpriced) {
            if (unpriced.catalogMayLag() && kind == Attempt.MAY_HOLD) {
                return false;
            }
            reject(attempt, unpriced.reason(), unpriced.catalogMayLag() && kind == Attempt.HOLD_FULL
                ? unpriced.detail() + "; not held for the catalog: " + settings.pendingLimit()
                    + " events of this task already wait for theirs"
                : unpriced.detail());
            return true;
        }
        try {
            price(attempt, (Resolution.Priced) resolution);
        } catch (InvalidPricingException | IllegalArgumentException | ArithmeticException e) {
            // A catalog entry written around the API's checks (say, an unknown billing_time) must not stop
            // the task on every retry of this event: it is rejected and the stream goes on.
            reject(attempt, RejectionReason.INVALID, "cannot be rated: " + e.getMessage());
        }
        return true;
    }

    private void price(final PendingEvent attempt, final Resolution.Priced priced) {
        final UsageEvent event = attempt.event();
        final Subscription subscription = priced.subscription();
        final BillingPeriod period = subscription.schedule(priced.version()).gridPeriodAt(event.timestamp());
        final Optional<Instant> closedThrough = closedThrough(subscription.id());
        if (closedThrough.isPresent() && event.timestamp().isBefore(closedThrough.get())) {
            RaterSinks.ACCEPTED.send(context, event.customerId(), new AcceptedEvent(event, subscription.id(),
                period.start(), priced.version().version(), true), attempt.recordTimestampMs());
            reject(attempt, RejectionReason.LATE, "the period of subscription " + subscription.id() + " that holds "
                + event.timestamp() + " closed; its statement is final");
            return;
        }
        final List<ChargeUpdate> updates = new ArrayList<>(priced.charges().size());
        for (final Resolution.MatchedCharge matched : priced.charges()) {
            final MeterReading reading;
            try {
                reading = matched.read(event, priced.version().currency());
            } catch (InvalidPricingException e) {
                reject(attempt, RejectionReason.INVALID, "meter " + matched.meter().code() + ": " + e.getMessage());
                return;
            }
            final ChargeSlot slot = new ChargeSlot(matched.charge().code(),
                PricingGroups.groupOf(matched.groupKeys(), event.properties()));
            final String key = StateKeys.charge(subscription.id(), slot, period.start());
            final ChargeState stored = aggregates.get(key);
            final ChargeState prior = stored != null ? stored
                : matched.meter().recurring() ? RecurringValues.opening(aggregates::get, subscription,
                    priced.version(), period.start(), slot, matched.rater())
                : ChargeState.empty();
            final String distinctKey = reading.distinctValue() == null ? null
                : StateKeys.distinct(key, reading.distinctValue());
            final boolean counted = distinctKey != null && distinctValues.get(distinctKey) != null;
            final RatingStep step = matched.rater().rate(prior, reading, value -> counted);
            if (exceedsEnforcedLimit(matched, step)) {
                reject(attempt, RejectionReason.LIMIT_EXCEEDED, "charge " + matched.charge().code()
                    + groupDetail(matched.groupKeys(), slot) + " would reach " + step.next().units().toPlainString()
                    + " units, past its limit of " + matched.charge().limit().units().toPlainString()
                    + (slot.group().isEmpty() ? "" : " per group"));
                return;
            }
            updates.add(new ChargeUpdate(key, slot, matched, prior, step, counted ? null : distinctKey));
        }
        final String currency = priced.version().currency();
        final String spendKey = StateKeys.spend(subscription.id(), period.start());
        final BigDecimal eventAmount = eventAmount(updates);
        final SpendState before = eventAmount.signum() == 0 ? null : orNone(spendTotals.get(spendKey));
        final BigDecimal spendLimit = subscription.spendLimit(priced.version());
        // Checked after every charge's step and before any write, so a rejected event leaves no trace;
        // an event that adds nothing, or lowers the amount, is never what takes it past.
        if (spendLimit != null && eventAmount.signum() > 0
            && before.spent().add(eventAmount).compareTo(spendLimit) > 0) {
            reject(attempt, RejectionReason.SPEND_LIMIT_EXCEEDED, "the event's " + eventAmount.toPlainString() + " "
                + currency + " would take the usage of subscription " + subscription.id() + " in the period from "
                + period.start() + " to " + before.spent().add(eventAmount).toPlainString() + " " + currency
                + ", past its spend limit of " + spendLimit.toPlainString() + " " + currency);
            return;
        }
        final CreditPayments.Quote payment = credits.quote(event.customerId(), currency, event.timestamp(),
            eventAmount);
        if (!payment.payment().covered() && subscription.blocksWhenCreditsExhausted(priced.version())) {
            reject(attempt, RejectionReason.CREDITS_EXHAUSTED, "the event costs " + eventAmount.toPlainString() + " "
                + currency + " and the credit grants of customer " + event.customerId() + " hold "
                + payment.payment().paid().toPlainString() + " " + currency + " for it");
            return;
        }
        final List<EventStatus.ChargeAmount> amounts = new ArrayList<>(updates.size());
        for (final ChargeUpdate update : updates) {
            aggregates.put(update.key(), update.step().next());
            if (update.newDistinctKey() != null) {
                distinctValues.put(update.newDistinctKey(), attempt.heldSinceMs());
            }
            alerts(attempt, subscription, period, update);
            final BigDecimal added = update.step().next().units().subtract(update.prior().units());
            RaterSinks.RATED.send(context, event.customerId(), new RatedUsage(event.id(), event.customerId(),
                subscription.id(), subscription.plan(), priced.version().version(), update.matched().charge().code(),
                update.slot().group().isEmpty() ? null : update.slot().group(), update.matched().meter().code(),
                new Period(period.start(), period.end()), event.timestamp(), added, update.step().next().units(),
                update.step().delta(), currency), attempt.recordTimestampMs());
            amounts.add(new EventStatus.ChargeAmount(update.matched().charge().code(), added,
                update.step().delta(), currency));
        }
        for (final CreditPayments.LowBalance low : credits.pay(payment, subscription.id(), period.start(),
            attempt.recordTimestampMs())) {
            counts.alert();
            RaterSinks.ALERTS.send(context, event.customerId(), new UsageAlert(event.customerId(), subscription.id(),
                null, null, null, new Period(period.start(), period.end()), UsageAlert.Kind.CREDITS_LOW, low.level(),
                low.left(), low.grant().amount(), event.id(), event.timestamp(), low.grant().id()),
                attempt.recordTimestampMs());
        }
        if (before != null) {
            spendTotals.put(spendKey, interim(attempt, priced, period, before, before.plus(eventAmount)));
        }
        RaterSinks.ACCEPTED.send(context, event.customerId(), new AcceptedEvent(event, subscription.id(),
            period.start(), priced.version().version(), false), attempt.recordTimestampMs());
        statuses.put(StateKeys.event(event.customerId(), event.id()), EventStatus.rated(amounts),
            attempt.heldSinceMs());
        counts.rated(amounts.size());
    }

    /**
     * Publishes an interim statement when this event's amount took the period's running amount to or
     * past spend thresholds not reached before in the period (one statement for all it reached), and
     * returns the period's spending with it recorded; the event is in the statement, later ones are not.
     * Its id names the period and the highest threshold, so a replay of the event cannot publish another.
     */
    private SpendState interim(final PendingEvent attempt, final Resolution.Priced priced, final BillingPeriod period,
                               final SpendState before, final SpendState after) {
        final Subscription subscription = priced.subscription();
        final List<BigDecimal> reached = InterimBilling.reached(subscription.spendThresholds(priced.version()),
            before.spent(), after.spent()).stream().filter(threshold -> !after.reached(threshold)).toList();
        if (reached.isEmpty()) {
            return after;
        }
        final PeriodStatement statement = StatementAssembler.interim(subscription, priced.version(), period,
            attempt.event().timestamp(), after.spent(), after.interimBilled(), reached,
            Instant.ofEpochMilli(attempt.recordTimestampMs()));
        counts.statement();
        RaterSinks.INTERIM_STATEMENTS.send(context, subscription.id(), statement, attempt.recordTimestampMs());
        return after.billed(statement.total(), reached);
    }

    /**
     * Alerts once per (period, charge, group, threshold) when this event's usage crossed a threshold
     * percentage of the charge's limit, or passed a limit that is not enforced: the slot's state key
     * holds the group, so each group of a grouped charge alerts on its own aggregate.
     */
    private void alerts(final PendingEvent attempt, final Subscription subscription, final BillingPeriod period,
                        final ChargeUpdate update) {
        final ChargeLimit limit = update.matched().charge().limit();
        if (limit == null || limit.units().signum() <= 0) {
            return;
        }
        final BigDecimal before = update.prior().units();
        final BigDecimal after = update.step().next().units();
        for (final BigDecimal percent : update.matched().charge().thresholds()) {
            final BigDecimal level = limit.units().multiply(percent).divide(HUNDRED);
            if (before.compareTo(level) < 0 && after.compareTo(level) >= 0) {
                alert(attempt, subscription, period, update, UsageAlert.Kind.THRESHOLD, percent, limit);
            }
        }
        if (!limit.enforce() && before.compareTo(limit.units()) <= 0 && after.compareTo(limit.units()) > 0) {
            alert(attempt, subscription, period, update, UsageAlert.Kind.LIMIT_EXCEEDED, HUNDRED, limit);
        }
    }

    private void alert(final PendingEvent attempt, final Subscription subscription, final BillingPeriod period,
                       final ChargeUpdate update, final UsageAlert.Kind kind, final BigDecimal percent,
                       final ChargeLimit limit) {
        final String code = update.matched().charge().code();
        final String key = StateKeys.alert(update.key(),
            kind == UsageAlert.Kind.LIMIT_EXCEEDED ? percent.negate() : percent);
        if (alertsSent.get(key) != null) {
            return;
        }
        alertsSent.put(key, attempt.recordTimestampMs());
        counts.alert();
        final UsageEvent event = attempt.event();
        final List<String> group = update.slot().group().isEmpty() ? null : update.slot().group();
        RaterSinks.ALERTS.send(context, event.customerId(), new UsageAlert(event.customerId(), subscription.id(), code,
            group, update.matched().meter().code(), new Period(period.start(), period.end()), kind, percent,
            update.step().next().units(), limit.units(), event.id(), event.timestamp(), null),
            attempt.recordTimestampMs());
    }

    /** A grouped charge's group as its keys and values, " (group region=eu, agent=null)"; "" without one. */
    private static String groupDetail(final List<String> keys, final ChargeSlot slot) {
        if (slot.group().isEmpty()) {
            return "";
        }
        final StringBuilder detail = new StringBuilder(" (group ");
        for (int i = 0; i < keys.size(); i++) {
            detail.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=').append(slot.group().get(i));
        }
        return detail.append(')').toString();
    }

    /** What the event adds to its period's usage amount: the sum of its charges' deltas. */
    private static BigDecimal eventAmount(final List<ChargeUpdate> updates) {
        BigDecimal amount = BigDecimal.ZERO;
        for (final ChargeUpdate update : updates) {
            amount = amount.add(update.step().delta());
        }
        return amount;
    }

    private static SpendState orNone(final SpendState state) {
        return state == null ? SpendState.NONE : state;
    }

    private static boolean exceedsEnforcedLimit(final Resolution.MatchedCharge matched, final RatingStep step) {
        final ChargeLimit limit = matched.charge().limit();
        return limit != null && limit.enforce() && step.next().units().compareTo(limit.units()) > 0;
    }

    private void reject(final PendingEvent attempt, final RejectionReason reason, final String detail) {
        counts.rejected(reason);
        final UsageEvent event = attempt.event();
        statuses.put(StateKeys.event(event.customerId(), event.id()), EventStatus.rejected(reason, detail),
            attempt.heldSinceMs());
        emitRejection(event, attempt.recordTimestampMs(), reason, detail);
    }

    private void emitRejection(final UsageEvent event, final long timestamp, final RejectionReason reason,
                               final String detail) {
        RaterSinks.REJECTED.send(context, event.customerId(), new UsageRejection(event.customerId(), event.id(), reason,
            detail, Json.mapper().valueToTree(event), null, Instant.ofEpochMilli(timestamp)), timestamp);
    }

    /** Whether an event that lacks its catalog may wait for it. */
    private enum Attempt {
        /** Yes: first seen, or retried within the catalog hold. */
        MAY_HOLD,
        /** No: the catalog hold is over. */
        HOLD_OVER,
        /** No: the pending hold is full. */
        HOLD_FULL
    }

    /** @param newDistinctKey the distinct-values entry to record for a value new to a unique_count charge */
    private record ChargeUpdate(String key, ChargeSlot slot, Resolution.MatchedCharge matched, ChargeState prior,
                                RatingStep step, String newDistinctKey) {
    }
}
