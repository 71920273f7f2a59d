package dev.tollgate.rater.rating;

import dev.tollgate.model.rating.RejectionReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the rater did with the events it read, counted so that they reconcile: every event read is
 * rated, rejected for one reason, or held waiting for the catalog. Shared by every task of the
 * process; exported as metrics by the runtime.
 *
 * <p>The counts live in memory and are not part of the exactly-once transaction: after a crash they
 * restart from zero and a retried batch may count twice. They are for operators, not for billing.
 */
public final class RatingCounts {

    private final LongAdder read = new LongAdder();
    private final LongAdder rated = new LongAdder();
    private final LongAdder ratedCharges = new LongAdder();
    private final LongAdder held = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder alerts = new LongAdder();
    private final LongAdder refundsGranted = new LongAdder();
    private final LongAdder refundsRejected = new LongAdder();
    private final LongAdder reratesDone = new LongAdder();
    private final LongAdder reratesRejected = new LongAdder();
    private final Map<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);

    public RatingCounts() {
        for (final RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    public void read() {
        read.increment();
    }

    public void rated(final int charges) {
        rated.increment();
        ratedCharges.add(charges);
    }

    public void rejected(final RejectionReason reason) {
        rejected.get(reason).increment();
    }

    public void held() {
        held.increment();
    }

    public void released() {
        released.increment();
    }

    public void statement() {
        statements.increment();
    }

    public void alert() {
        alerts.increment();
    }

    public void refund(final boolean granted) {
        (granted ? refundsGranted : refundsRejected).increment();
    }

    public void rerate(final boolean rerated) {
        (rerated ? reratesDone : reratesRejected).increment();
    }

    public long reratesDone() {
        return reratesDone.sum();
    }

    public long reratesRejected() {
        return reratesRejected.sum();
    }

    public long eventsRead() {
        return read.sum();
    }

    public long eventsRated() {
        return rated.sum();
    }

    public long chargesRated() {
        return ratedCharges.sum();
    }

    public long eventsRejected(final RejectionReason reason) {
        return rejected.get(reason).sum();
    }

    public long eventsRejected() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Events waiting for a catalog entry right now. */
    public long eventsPending() {
        return held.sum() - released.sum();
    }

    public long statementsClosed() {
        return statements.sum();
    }

    public long alertsSent() {
        return alerts.sum();
    }

    public long refundsGranted() {
        return refundsGranted.sum();
    }

    public long refundsRejected() {
        return refundsRejected.sum();
    }
}
