package dev.tollgate.model.topic;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.json.JsonSerde;
import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RatedUsageSerde;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.Topic.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of Tollgate's contract, with its key and value serdes. */
public final class Topics {

    /**
     * How long {@code tollgate.usage-events} keeps a record: an event accepted while the rater is down
     * is rated when it comes back, as long as the outage is shorter than this. Two weeks outlasts any
     * outage we plan for (a long weekend unseen, then days to fix) at a disk cost of one record per event.
     */
    public static final Duration USAGE_EVENTS_RETENTION = Duration.ofDays(14);

    /**
     * Raw bytes, not a parsed event: producers outside Java may write anything here, and the rater
     * must turn unreadable records into rejections rather than fail on them. Its retention is explicit
     * ({@link #USAGE_EVENTS_RETENTION}) rather than the broker's default.
     */
    public static final Topic<String, byte[]> USAGE_EVENTS = new Topic<>("tollgate.usage-events", Serdes.String(),
        Serdes.ByteArray(), CleanupPolicy.DELETE,
        Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(USAGE_EVENTS_RETENTION.toMillis())));
    public static final Topic<String, Meter> METERS =
        topic("tollgate.meters", new JsonSerde<>(Meter.class), CleanupPolicy.COMPACT);
    public static final Topic<String, Plan> PLANS =
        topic("tollgate.plans", new JsonSerde<>(Plan.class), CleanupPolicy.COMPACT);
    public static final Topic<String, CustomerSubscriptions> SUBSCRIPTIONS =
        topic("tollgate.subscriptions", new JsonSerde<>(CustomerSubscriptions.class), CleanupPolicy.COMPACT);
    public static final Topic<String, Coupon> COUPONS =
        topic("tollgate.coupons", new JsonSerde<>(Coupon.class), CleanupPolicy.COMPACT);
    public static final Topic<String, AddOn> ADDONS =
        topic("tollgate.addons", new JsonSerde<>(AddOn.class), CleanupPolicy.COMPACT);
    /** Prepaid credit grants, keyed by customer_id like the subscriptions: the rater pays usage from them. */
    public static final Topic<String, CustomerCredits> CREDIT_GRANTS =
        topic("tollgate.credit-grants", new JsonSerde<>(CustomerCredits.class), CleanupPolicy.COMPACT);
    public static final Topic<String, RatedUsage> RATED_USAGE =
        topic("tollgate.rated-usage", new RatedUsageSerde(), CleanupPolicy.DELETE);
    public static final Topic<String, UsageRejection> USAGE_REJECTIONS =
        topic("tollgate.usage-rejections", new JsonSerde<>(UsageRejection.class), CleanupPolicy.DELETE);
    public static final Topic<String, UsageAlert> USAGE_ALERTS =
        topic("tollgate.usage-alerts", new JsonSerde<>(UsageAlert.class), CleanupPolicy.DELETE);
    /**
     * Compacted by subscription, so the latest statement of a subscription would soon shadow its
     * earlier ones: they are kept uncompacted for 400 days first, long enough for
     * invoicing consumers and a year of audits (the rater's statements store keeps them all).
     */
    public static final Topic<String, PeriodStatement> PERIOD_STATEMENTS = new Topic<>("tollgate.period-statements",
        Serdes.String(), new JsonSerde<>(PeriodStatement.class), CleanupPolicy.COMPACT,
        Map.of(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofDays(400).toMillis())));

    /**
     * How long {@code tollgate.accepted-events} keeps a record: as long as a statement stays
     * queryable (and so may be re-rated), counted from when the event was rated.
     */
    public static final Duration ACCEPTED_EVENTS_RETENTION = Duration.ofDays(400);

    /**
     * Every event the rater rated, as read, and every one it turned away as late, keyed by
     * customer_id like the usage events (so co-partitioned with them): what a re-rate prices again.
     * One record per event, kept {@link #ACCEPTED_EVENTS_RETENTION}; the rater keeps its own copy per
     * closed period in the {@code accepted-events} store, so the topic is read once, as it is written.
     */
    public static final Topic<String, AcceptedEvent> ACCEPTED_EVENTS = new Topic<>("tollgate.accepted-events",
        Serdes.String(), new JsonSerde<>(AcceptedEvent.class), CleanupPolicy.DELETE,
        Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ACCEPTED_EVENTS_RETENTION.toMillis())));

    /**
     * Refunds asked of the rater, keyed by the statement's customer_id: the task that holds a
     * customer's statements is the one place that can tell what is left to refund.
     */
    public static final Topic<String, RefundRequest> REFUND_REQUESTS =
        topic("tollgate.refund-requests", new JsonSerde<>(RefundRequest.class), CleanupPolicy.DELETE);

    /**
     * Re-rates asked of the rater, keyed by the subscription's customer_id: the task that holds the
     * customer's statements and accepted events is the one place that can price a period again.
     */
    public static final Topic<String, RerateRequest> RERATE_REQUESTS =
        topic("tollgate.rerate-requests", new JsonSerde<>(RerateRequest.class), CleanupPolicy.DELETE);

    /**
     * The rater's clock, keyed by partition number, the value the tick's wall-clock time (epoch ms, 8
     * bytes big-endian; read as bytes, so that no record on it can fail the reader).
     * A rater task whose period close is due by the wall clock but whose stream time lags (a quiet
     * partition) writes a tick to its own partition and reads it back: Kafka Streams hands the tick to
     * the task only after the records its other partitions held before it, so a close that waits for
     * the tick never precedes a backlog. Ticks matter for seconds only: kept one day.
     */
    public static final Topic<String, byte[]> RATER_CLOCK = new Topic<>("tollgate.rater-clock", Serdes.String(),
        Serdes.ByteArray(), CleanupPolicy.DELETE,
        Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())));

    /**
     * Topics whose partitions must line up with {@link #USAGE_EVENTS}: the rater keeps one task per
     * customer partition and reads that customer's subscriptions, credit grants, refund and re-rate
     * requests, accepted events and clock ticks in the same task.
     */
    public static final List<Topic<String, ?>> CO_PARTITIONED = List.of(USAGE_EVENTS, SUBSCRIPTIONS,
        CREDIT_GRANTS, REFUND_REQUESTS, RATER_CLOCK, ACCEPTED_EVENTS, RERATE_REQUESTS);

    public static final List<Topic<String, ?>> ALL = List.of(USAGE_EVENTS, METERS, PLANS, SUBSCRIPTIONS, COUPONS,
        ADDONS, CREDIT_GRANTS, RATED_USAGE, USAGE_REJECTIONS, USAGE_ALERTS, PERIOD_STATEMENTS, REFUND_REQUESTS,
        RATER_CLOCK, ACCEPTED_EVENTS, RERATE_REQUESTS);

    private Topics() {
    }

    /**
     * Every contract topic as it is created: one partition count for all (co-partitioned topics
     * must share it) and each topic's cleanup policy.
     *
     * @param replication empty for the cluster's default
     */
    public static List<NewTopic> newTopics(final int partitions, final Optional<Short> replication) {
        return ALL.stream()
            .map(topic -> new NewTopic(topic.name(), Optional.of(partitions), replication)
                .configs(topic.creationConfigs()))
            .toList();
    }

    private static <V> Topic<String, V> topic(final String name, final Serde<V> values, final CleanupPolicy policy) {
        return new Topic<>(name, Serdes.String(), values, policy, Map.of());
    }
}
