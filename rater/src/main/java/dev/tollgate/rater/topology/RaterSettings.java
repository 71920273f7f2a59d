package dev.tollgate.rater.topology;

import java.time.Duration;

/**
 * What shapes the rating topology.
 *
 * @param customerPartitions partitions of tollgate.usage-events (and of the co-partitioned
 *                           subscriptions topic): decides which records are misplaced
 * @param dedupWindow how long an event id is remembered per customer
 * @param catalogHold how long an event waits for a catalog entry it needs before it is rejected
 * @param pendingCheckInterval how often held events are retried (wall clock)
 * @param lateGrace how long after a period's end its events are still taken; then it closes
 * @param closeCheckInterval how often due periods are looked for (wall clock)
 * @param statementRetention how long after its period's end a statement (with its refunds) is kept
 *                           for queries and refunds
 */
public record RaterSettings(int customerPartitions, Duration dedupWindow, Duration catalogHold,
                            Duration pendingCheckInterval, Duration lateGrace, Duration closeCheckInterval,
                            Duration statementRetention) {

    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(35);
    public static final Duration DEFAULT_CATALOG_HOLD = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PENDING_CHECK = Duration.ofMillis(500);
    public static final Duration DEFAULT_LATE_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_CLOSE_CHECK = Duration.ofSeconds(5);
    /** As long as tollgate.period-statements keeps every record uncompacted. */
    public static final Duration DEFAULT_STATEMENT_RETENTION = Duration.ofDays(400);

    public static RaterSettings defaults(final int customerPartitions) {
        return new RaterSettings(customerPartitions, DEFAULT_DEDUP_WINDOW, DEFAULT_CATALOG_HOLD,
            DEFAULT_PENDING_CHECK, DEFAULT_LATE_GRACE, DEFAULT_CLOSE_CHECK, DEFAULT_STATEMENT_RETENTION);
    }
}
