package dev.tollgate.rater.topology;

import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.catalog.CatalogSerde;
import dev.tollgate.rater.closing.CloseOutcome;
import dev.tollgate.rater.closing.PeriodCloseProcessor;
import dev.tollgate.rater.closing.SubscriptionIndexer;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.errors.RaterErrorHandlers;
import dev.tollgate.rater.intake.Intake;
import dev.tollgate.rater.intake.UsageIntakeProcessor;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.rating.RatingOutcome;
import dev.tollgate.rater.rating.RatingProcessor;
import dev.tollgate.rater.refund.RefundProcessor;
import dev.tollgate.rater.state.RaterSerdes;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.state.TableStoreDef;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The rating topology. Reads {@code tollgate.usage-events} (customer_id → raw event bytes),
 * {@code tollgate.refund-requests} (customer_id → RefundRequest, co-partitioned) and the catalog
 * topics {@code tollgate.subscriptions} (customer_id → CustomerSubscriptions, co-partitioned),
 * {@code tollgate.plans}, {@code tollgate.meters}, {@code tollgate.addons} and {@code tollgate.coupons}
 * (code → Plan / Meter / AddOn / Coupon, global); writes {@code tollgate.rated-usage} (customer_id →
 * RatedUsage), {@code tollgate.usage-rejections} (customer_id → UsageRejection),
 * {@code tollgate.usage-alerts} (customer_id → UsageAlert) and {@code tollgate.period-statements}
 * (subscription_id → PeriodStatement, statements and refund adjustments) and {@code tollgate.rater-clock}
 * (ticks for the writing task's own partition). Every processor, store and
 * internal topic is named.
 */
public final class RatingTopology {

    /** The one internal topic: only records that arrived on another partition than their customer's. */
    public static final String REPARTITION = "usage-by-customer";

    private RatingTopology() {
    }

    public static Topology build(final RaterSettings settings, final RatingCounts counts,
                                 final Properties streamsConfig) {
        final StreamsBuilder builder = new StreamsBuilder();
        final SkippedRecords skipped = RaterErrorHandlers.skippedRecords(streamsConfig);
        addRatingStores(builder, settings);
        addCatalog(builder, settings, skipped);

        final Map<String, KStream<String, Intake>> intake = builder
            .stream(Topics.USAGE_EVENTS.name(), consumed(Topics.USAGE_EVENTS, "usage-events-source"))
            .process(() -> new UsageIntakeProcessor(settings.customerPartitions(), counts), Named.as("read-usage"))
            .split(Named.as("intake-"))
            .branch((customer, read) -> read instanceof Intake.Rejected, Branched.as("invalid"))
            .branch((customer, read) -> ((Intake.Accepted) read).misplaced(), Branched.as("misplaced"))
            .defaultBranch(Branched.as("placed"));

        intake.get("intake-invalid")
            .mapValues(read -> ((Intake.Rejected) read).rejection(), Named.as("invalid-usage"))
            .to(Topics.USAGE_REJECTIONS.name(), produced(Topics.USAGE_REJECTIONS, "invalid-usage-sink"));

        final KStream<String, UsageEvent> placed = intake.get("intake-placed")
            .mapValues(read -> ((Intake.Accepted) read).event(), Named.as("placed-usage"));
        final KStream<String, UsageEvent> moved = intake.get("intake-misplaced")
            .mapValues(read -> ((Intake.Accepted) read).event(), Named.as("misplaced-usage"))
            .repartition(Repartitioned.<String, UsageEvent>as(REPARTITION)
                .withKeySerde(RaterSerdes.KEYS)
                .withValueSerde(RaterSerdes.USAGE_EVENT)
                .withNumberOfPartitions(settings.customerPartitions()));

        placed.merge(moved, Named.as("usage-by-customer-merge"))
            .process(() -> new RatingProcessor(settings, counts), Named.as("rate-usage"),
                StateStores.SUBSCRIPTIONS.name(), StateStores.EVENT_STATUS.name(), StateStores.CHARGE_AGGREGATES.name(),
                StateStores.PENDING_EVENTS.name(), StateStores.CLOSED_PERIODS.name(), StateStores.ALERTS_SENT.name(), StateStores.DISTINCT_VALUES.name())
            .split(Named.as("outcome-"))
            .branch((key, outcome) -> outcome instanceof RatingOutcome.Rated, Branched.withConsumer(rated -> rated
                .mapValues(outcome -> ((RatingOutcome.Rated) outcome).usage(), Named.as("rated-usage"))
                .to(Topics.RATED_USAGE.name(), produced(Topics.RATED_USAGE, "rated-usage-sink")), "rated"))
            .branch((key, outcome) -> outcome instanceof RatingOutcome.Alerted, Branched.withConsumer(alerted -> alerted
                .mapValues(outcome -> ((RatingOutcome.Alerted) outcome).alert(), Named.as("usage-alerts"))
                .to(Topics.USAGE_ALERTS.name(), produced(Topics.USAGE_ALERTS, "usage-alerts-sink")), "alerted"))
            .defaultBranch(Branched.withConsumer(rejected -> rejected
                .mapValues(outcome -> ((RatingOutcome.Rejected) outcome).rejection(), Named.as("rejected-usage"))
                .to(Topics.USAGE_REJECTIONS.name(), produced(Topics.USAGE_REJECTIONS, "rejected-usage-sink")),
                "rejected"));

        addPeriodClose(builder, settings, counts);

        builder.stream(Topics.REFUND_REQUESTS.name(), consumed(Topics.REFUND_REQUESTS, "refund-requests-source"))
            .process(() -> new RefundProcessor(counts, skipped), Named.as("refund-statements"), StateStores.STATEMENTS.name(), StateStores.REFUNDS.name())
            .to(Topics.PERIOD_STATEMENTS.name(), produced(Topics.PERIOD_STATEMENTS, "statement-refunds-sink"));

        return builder.build(streamsConfig);
    }

    /**
     * The period close reads the task's clock ticks and writes statements and, while stream time lags
     * the wall clock, ticks back to the task's own partition ({@link PeriodCloseProcessor}).
     */
    private static void addPeriodClose(final StreamsBuilder builder, final RaterSettings settings,
                                       final RatingCounts counts) {
        builder.stream(Topics.RATER_CLOCK.name(), consumed(Topics.RATER_CLOCK, "rater-clock-source"))
            .process(() -> new PeriodCloseProcessor(settings, counts), Named.as("close-periods"),
                StateStores.SUBSCRIPTIONS.name(), StateStores.CHARGE_AGGREGATES.name(), StateStores.ALERTS_SENT.name(),
                StateStores.CLOSED_PERIODS.name(), StateStores.CLOSE_SCHEDULE.name(), StateStores.STATEMENTS.name(), StateStores.REFUNDS.name(),
                StateStores.DISTINCT_VALUES.name())
            .split(Named.as("close-"))
            .branch((key, outcome) -> outcome instanceof CloseOutcome.Closed, Branched.withConsumer(closed -> closed
                .mapValues(outcome -> ((CloseOutcome.Closed) outcome).statement(), Named.as("period-statements"))
                .to(Topics.PERIOD_STATEMENTS.name(), produced(Topics.PERIOD_STATEMENTS, "period-statements-sink")),
                "closed"))
            .defaultBranch(Branched.withConsumer(ticks -> ticks
                .mapValues(outcome -> ByteBuffer.allocate(Long.BYTES).putLong(((CloseOutcome.Tick) outcome).wallClockMs())
                    .array(), Named.as("clock-ticks"))
                .to(Topics.RATER_CLOCK.name(), Produced.with(Topics.RATER_CLOCK.keySerde(),
                        Topics.RATER_CLOCK.valueSerde())
                    .withStreamPartitioner(RatingTopology::ownPartition)
                    .withName("clock-ticks-sink")), "tick"));
    }

    /** A tick goes to the partition its key names: the partition of the task that wrote it. */
    private static Optional<Set<Integer>> ownPartition(final String topic, final String partition, final byte[] tick,
                                                       final int partitions) {
        return Optional.of(Set.of(Integer.parseInt(partition)));
    }

    private static void addCatalog(final StreamsBuilder builder, final RaterSettings settings,
                                   final SkippedRecords skipped) {
        globalCatalog(builder, Topics.PLANS, StateStores.PLANS, "plans-table", skipped);
        globalCatalog(builder, Topics.METERS, StateStores.METERS, "meters-table", skipped);
        globalCatalog(builder, Topics.ADDONS, StateStores.ADDONS, "addons-table", skipped);
        globalCatalog(builder, Topics.COUPONS, StateStores.COUPONS, "coupons-table", skipped);
        final Serde<CustomerSubscriptions> subscriptions = new CatalogSerde<>(CustomerSubscriptions.class,
            CatalogSerde.SUBSCRIPTION_ENTRIES, skipped);
        builder.table(Topics.SUBSCRIPTIONS.name(), consumed(Topics.SUBSCRIPTIONS, subscriptions, "subscriptions-table"),
                StateStores.SUBSCRIPTIONS.materialized(subscriptions))
            .toStream(Named.as("subscription-changes"))
            .process(() -> new SubscriptionIndexer(settings), Named.as("index-subscriptions"),
                StateStores.SUBSCRIPTIONS.name(), StateStores.CLOSED_PERIODS.name(), StateStores.CLOSE_SCHEDULE.name(),
                StateStores.SUBSCRIPTION_CUSTOMERS.name(), StateStores.STATEMENTS.name(), StateStores.REFUNDS.name());
    }

    /**
     * Streams gives a table's store the serdes of its {@code Consumed}, whatever {@code Materialized}
     * says, so the decoding cache goes to both.
     */
    private static <V> void globalCatalog(final StreamsBuilder builder, final Topic<String, V> topic,
                                          final TableStoreDef<String, V> store, final String sourceName,
                                          final SkippedRecords skipped) {
        final Serde<V> values = new CatalogSerde<>(store.valueType(), CatalogSerde.CATALOG_ENTRIES, skipped);
        builder.globalTable(topic.name(), consumed(topic, values, sourceName), store.materialized(values));
    }

    private static void addRatingStores(final StreamsBuilder builder, final RaterSettings settings) {
        builder.addStateStore(StateStores.EVENT_STATUS.builder(settings.dedupWindow()));
        StateStores.KEY_VALUE_STORES.forEach(store -> builder.addStateStore(store.builder()));
    }

    private static <V> Consumed<String, V> consumed(final Topic<String, V> topic, final String name) {
        return consumed(topic, topic.valueSerde(), name);
    }

    private static <V> Consumed<String, V> consumed(final Topic<String, V> topic, final Serde<V> values,
                                                    final String name) {
        return Consumed.with(topic.keySerde(), values).withName(name);
    }

    private static <V> Produced<String, V> produced(final Topic<String, V> topic, final String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
