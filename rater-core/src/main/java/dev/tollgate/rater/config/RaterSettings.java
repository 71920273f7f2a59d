package dev.tollgate.rater.config;

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
 * @param pendingLimit how many events a task holds for their catalog at most; past it an event that
 *                     would be held is rejected at once
 * @param pendingRunEntries how many held events one retry run looks at, at most
 * @param pendingRunBudget how long one retry run may take: it stops there and the next run goes on
 *                         where it stopped, so a punctuation never outlasts the transaction
 * @param closeRunBudget how long one period close run may take: a calendar month's end makes every
 *                       subscription of a task due at once, and the run stops there, the next one
 *                       going on, so that no punctuation outlasts the transaction
 */
public record RaterSettings(int customerPartitions, Duration dedupWindow, Duration catalogHold,
                            Duration pendingCheckInterval, Duration lateGrace, Duration closeCheckInterval,
                            Duration statementRetention, int pendingLimit, int pendingRunEntries,
                            Duration pendingRunBudget, Duration closeRunBudget) {

    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(35);
    public static final Duration DEFAULT_CATALOG_HOLD = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PENDING_CHECK = Duration.ofMillis(500);
    public static final Duration DEFAULT_LATE_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_CLOSE_CHECK = Duration.ofSeconds(1);
    /** As long as tollgate.period-statements keeps every record uncompacted. */
    public static final Duration DEFAULT_STATEMENT_RETENTION = Duration.ofDays(400);

    /**
     * 10,000 held events of about 1 KB each are 10 MB of state per task; at 1,000 events per run
     * every 0.5 s, each is retried at least once a second even with the hold full.
     */
    public static final int DEFAULT_PENDING_LIMIT = 10_000;
    public static final int DEFAULT_PENDING_RUN_ENTRIES = 1_000;
    /** Far below the 10 s transaction timeout of exactly-once Kafka Streams. */
    public static final Duration DEFAULT_PENDING_RUN_BUDGET = Duration.ofMillis(200);
    /** A twentieth of the 10 s transaction timeout, half of each 1 s close check. */
    public static final Duration DEFAULT_CLOSE_RUN_BUDGET = Duration.ofMillis(500);

    public RaterSettings(final int customerPartitions, final Duration dedupWindow, final Duration catalogHold,
                         final Duration pendingCheckInterval, final Duration lateGrace,
                         final Duration closeCheckInterval, final Duration statementRetention) {
        this(customerPartitions, dedupWindow, catalogHold, pendingCheckInterval, lateGrace, closeCheckInterval,
            statementRetention, DEFAULT_PENDING_LIMIT, DEFAULT_PENDING_RUN_ENTRIES, DEFAULT_PENDING_RUN_BUDGET,
            DEFAULT_CLOSE_RUN_BUDGET);
    }

    /**
     * How long the events of a period are kept for its re-rate, counted from the period's start:
     * its statement's retention from the period's end, plus the longest period (a leap year).
     */
    public Duration acceptedEventsRetention() {
        return statementRetention.plus(Duration.ofDays(366));
    }

    public static RaterSettings defaults(final int customerPartitions) {
        return new RaterSettings(customerPartitions, DEFAULT_DEDUP_WINDOW, DEFAULT_CATALOG_HOLD,
            DEFAULT_PENDING_CHECK, DEFAULT_LATE_GRACE, DEFAULT_CLOSE_CHECK, DEFAULT_STATEMENT_RETENTION);
    }
}
