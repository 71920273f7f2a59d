package dev.tollgate.rater.closing;

import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.statement.StatementAssembler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When each subscription's periods close: where its last closed period ended, and when its next
 * one is due (its end plus the late grace), or, for a subscription whose first period is billed in
 * advance, its start, when its opening statement is due. The due entries are ordered by time, so the close
 * punctuation reads only the subscriptions that are due instead of every subscription of the task.
 *
 * <p>Stores: {@code closed-periods} (subscription → end of its last closed period, epoch ms) and
 * {@code close-schedule} ((due time, subscription) → customer_id). An entry may be stale (the
 * subscription changed after it was written); a stale entry only makes the closer look at a
 * subscription with nothing due, and it is dropped then.
 */
final class CloseSchedule {

    private final Duration lateGrace;
    private final CatalogView catalog;
    private final KeyValueStore<String, Long> closed;
    private final KeyValueStore<String, String> schedule;
    private final StatementArchive archive;

    CloseSchedule(final Duration lateGrace, final CatalogView catalog, final KeyValueStore<String, Long> closed,
                  final KeyValueStore<String, String> schedule, final StatementArchive archive) {
        this.archive = archive;
        this.lateGrace = lateGrace;
        this.catalog = catalog;
        this.closed = closed;
        this.schedule = schedule;
    }

    /** The next period of a subscription to close: its grid period and where it ends (sooner when billing ends). */
    record NextClose(PlanVersion version, BillingPeriod grid, Instant end) {
    }

    /** A subscription whose next close is due. */
    record Due(String key, String subscriptionId, String customerId) {
    }

    Duration lateGrace() {
        return lateGrace;
    }

    /** The end of the subscription's last closed period: events dated before it are late. */
    Optional<Instant> closedThrough(final String subscriptionId) {
        final Long end = closed.get(subscriptionId);
        return end == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(end));
    }

    /**
     * Kept in whole milliseconds, rounded up: a termination stamped with microseconds rounded down
     * would leave the cursor just before the end, and the same period would close again, empty.
     */
    void markClosed(final String subscriptionId, final Instant end) {
        final Instant whole = end.truncatedTo(ChronoUnit.MILLIS);
        closed.put(subscriptionId, (whole.isBefore(end) ? whole.plusMillis(1) : whole).toEpochMilli());
    }

    /** Where the subscription's unclosed periods begin. */
    Instant cursor(final Subscription subscription) {
        return closedThrough(subscription.id()).orElse(subscription.startedAt());
    }

    /**
     * The period that holds {@code cursor}, as the version in force then bills it; empty when no
     * version is in force then or the subscription's billing ended before it.
     */
    static Optional<NextClose> next(final Subscription subscription, final Plan plan, final Instant cursor) {
        return plan.versionFor(subscription.planVersion(), cursor)
            .flatMap(version -> next(subscription, version, cursor));
    }

    private static Optional<NextClose> next(final Subscription subscription, final PlanVersion version,
                                            final Instant cursor) {
        final BillingSchedule billing = subscription.schedule(version);
        final Optional<Instant> billingEnd = billing.billingEndsAt();
        if (billingEnd.isPresent() && !cursor.isBefore(billingEnd.get())) {
            return Optional.empty();
        }
        final BillingPeriod grid = billing.gridPeriodAt(cursor);
        return Optional.of(new NextClose(version, grid,
            billingEnd.filter(end -> end.isBefore(grid.end())).orElse(grid.end())));
    }

    /**
     * Writes when the subscription's next period is due to close; nothing once its billing ended.
     * Without a plan or version the due time cannot be known: such a subscription (a plan that has
     * not reached the rater yet) is due at once, and so looked at on every run until it resolves.
     * Due "later" would not do: the closer's clock is the lower of wall and stream time, and a close
     * due in the past needs no clock tick to move stream time there.
     */
    void schedule(final Subscription subscription) {
        final Plan plan = catalog.plan(subscription.plan());
        final Instant cursor = cursor(subscription);
        final Optional<PlanVersion> version = plan == null ? Optional.empty()
            : plan.versionFor(subscription.planVersion(), cursor);
        if (version.isEmpty()) {
            put(Instant.EPOCH, subscription);
            return;
        }
        if (openingDue(subscription, version.get())) {
            put(subscription.startedAt(), subscription);
            return;
        }
        next(subscription, version.get(), cursor).ifPresent(next -> put(next.end().plus(lateGrace), subscription));
    }

    /**
     * Whether the subscription's opening statement is still to be issued: its first period is billed
     * in advance, nothing of it has closed and no opening statement was kept. A subscription that has
     * closed a period is past its opening, whether or not one was issued then.
     */
    boolean openingDue(final Subscription subscription, final PlanVersion first) {
        return StatementAssembler.inAdvance(first) && closedThrough(subscription.id()).isEmpty()
            && !archive.hasOpening(subscription.id(), subscription.schedule(first).gridPeriodAt(
                subscription.startedAt()).start());
    }

    /** Writes only what is new: a task that starts schedules every subscription again, and most are there. */
    private void put(final Instant due, final Subscription subscription) {
        final String key = StateKeys.closeDue(due, subscription.id());
        if (!subscription.customerId().equals(schedule.get(key))) {
            schedule.put(key, subscription.customerId());
        }
    }

    /**
     * At most {@code max} subscriptions whose next close is due at {@code now}, the longest due first,
     * from the entry after {@code afterKey} (null: from the first).
     */
    List<Due> due(final Instant now, final String afterKey, final int max) {
        final List<Due> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = afterKey == null ? schedule.all()
            : schedule.range(afterKey, null)) {
            while (entries.hasNext() && due.size() < max) {
                final KeyValue<String, String> entry = entries.next();
                if (entry.key.equals(afterKey)) {
                    continue;
                }
                if (StateKeys.dueOf(entry.key).isAfter(now)) {
                    break;
                }
                due.add(new Due(entry.key, StateKeys.subscriptionOfDue(entry.key), entry.value));
            }
        }
        return due;
    }

    /** Whether a close falls due in [{@code from}, {@code until}]. */
    boolean anyDueBetween(final Instant from, final Instant until) {
        try (KeyValueIterator<String, String> entries = schedule.range(StateKeys.closeDue(from, ""), null)) {
            return entries.hasNext() && !StateKeys.dueOf(entries.next().key).isAfter(until);
        }
    }

    void done(final Due due) {
        schedule.delete(due.key());
    }
}
