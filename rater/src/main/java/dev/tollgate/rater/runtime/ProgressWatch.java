package dev.tollgate.rater.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells a rater that makes no progress from one that is only idle. Fed samples of how many records
 * the rater has processed in all and how many wait in its input partitions: it is stalled when records
 * have waited for longer than {@code stallAfter} while the processed count did not move. A rater
 * with nothing to read is never stalled, however long it idles.
 */
final class ProgressWatch {

    private final Clock clock;
    private final Duration stallAfter;
    private long processed = -1;
    private long waiting;
    private Instant lastProgress;

    ProgressWatch(final Clock clock, final Duration stallAfter) {
        this.clock = clock;
        this.stallAfter = stallAfter;
        this.lastProgress = clock.instant();
    }

    /** Records one sample: the processed total so far and the records waiting now. */
    synchronized void sample(final long processedTotal, final long waitingNow) {
        final Instant now = clock.instant();
        if (processedTotal != processed || waitingNow == 0) {
            lastProgress = now;
        }
        processed = processedTotal;
        waiting = waitingNow;
    }

    /** Null while the rater makes progress or has nothing to do; otherwise what is wrong. */
    synchronized String problem() {
        final Duration still = Duration.between(lastProgress, clock.instant());
        if (waiting > 0 && still.compareTo(stallAfter) > 0) {
            return "rater processed no record for " + still.toSeconds() + " s while " + waiting
                + " records wait in its input";
        }
        return null;
    }
}
