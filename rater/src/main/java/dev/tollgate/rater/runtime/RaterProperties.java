package dev.tollgate.rater.runtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code tollgate.rater.*}: every setting of the rater, each default written here once.
 *
 * @param dataDir where Kafka Streams keeps its state (under {@code streams/}); required
 * @param advertisedEndpoint the {@code host:port} peers reach this instance's queries at; required
 * @param applicationId the Kafka Streams application id: instances sharing it share the work
 * @param streamThreads stream threads of this instance
 * @param lateGrace how long after a period's end its events are still rated into it
 * @param dedupWindow how long an event's (customer_id, id) is remembered to drop its duplicates
 * @param catalogHold how long an event whose catalog record has not arrived yet is held
 * @param statementRetention how long a final statement stays queryable
 * @param stallAfter records waiting unprocessed this long turn /health DOWN
 * @param exitOnError whether a streams client that stopped for good exits the process
 * @param standbyReplicas standby copies of each task's stores on other instances
 * @param sessionTimeout how soon the group notices a dead instance (heartbeats every fifth of it)
 * @param queryForwardTimeout how long a query passed on to the owning instance may take
 * @param refundWriteTimeout how long a refund request waits for Kafka's acknowledgement
 * @param refundWait how long a refund request waits for the rater's outcome
 * @param rerateWait how long a re-rate request waits for the rater's outcome: a period of many events
 *                   takes longer to price again than a refund to decide
 */
@ConfigurationProperties("tollgate.rater")
public record RaterProperties(Path dataDir,
                              String advertisedEndpoint,
                              @Bindable(defaultValue = "tollgate-rater") String applicationId,
                              @Bindable(defaultValue = "1") int streamThreads,
                              @Bindable(defaultValue = "PT1H") Duration lateGrace,
                              @Bindable(defaultValue = "P35D") Duration dedupWindow,
                              @Bindable(defaultValue = "PT10S") Duration catalogHold,
                              @Bindable(defaultValue = "P400D") Duration statementRetention,
                              @Bindable(defaultValue = "PT60S") Duration stallAfter,
                              @Bindable(defaultValue = "true") boolean exitOnError,
                              @Bindable(defaultValue = "1") int standbyReplicas,
                              @Bindable(defaultValue = "PT10S") Duration sessionTimeout,
                              @Bindable(defaultValue = "PT3S") Duration queryForwardTimeout,
                              @Bindable(defaultValue = "PT5S") Duration refundWriteTimeout,
                              @Bindable(defaultValue = "PT10S") Duration refundWait,
                              @Bindable(defaultValue = "PT30S") Duration rerateWait) {

    public RaterProperties {
        if (dataDir == null) {
            throw new IllegalArgumentException("tollgate.rater.data-dir must be set");
        }
        if (advertisedEndpoint == null || !advertisedEndpoint.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("tollgate.rater.advertised-endpoint must be host:port, not "
                + advertisedEndpoint);
        }
        if (streamThreads < 1 || standbyReplicas < 0) {
            throw new IllegalArgumentException("tollgate.rater.stream-threads must be at least 1 and "
                + "tollgate.rater.standby-replicas at least 0, not " + streamThreads + " and " + standbyReplicas);
        }
        positive("late-grace", lateGrace, true);
        positive("dedup-window", dedupWindow, false);
        positive("catalog-hold", catalogHold, true);
        positive("statement-retention", statementRetention, false);
        positive("stall-after", stallAfter, false);
        positive("session-timeout", sessionTimeout, false);
        positive("query-forward-timeout", queryForwardTimeout, false);
        positive("refund-write-timeout", refundWriteTimeout, false);
        positive("refund-wait", refundWait, false);
        positive("rerate-wait", rerateWait, false);
    }

    private static void positive(final String name, final Duration value, final boolean zeroAllowed) {
        if (value.isNegative() || !zeroAllowed && value.isZero()) {
            throw new IllegalArgumentException("tollgate.rater." + name + " must be " + (zeroAllowed ? "zero or more"
                : "positive") + ", not " + value);
        }
    }
}
