package dev.tollgate.rater.topology;

import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.catalog.CatalogChanges;
import dev.tollgate.rater.catalog.CatalogSerde;
import dev.tollgate.rater.catalog.GlobalCatalogUpdater;
import dev.tollgate.rater.closing.PeriodCloseProcessor;
import dev.tollgate.rater.closing.SubscriptionIndexer;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.errors.RaterErrorHandlers;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.rating.RatingProcessor;
import dev.tollgate.rater.refund.RefundProcessor;
import dev.tollgate.rater.rerate.AcceptedEventKeeper;
import dev.tollgate.rater.rerate.RerateProcessor;
import dev.tollgate.rater.routing.RaterSinks;
import dev.tollgate.rater.routing.Sink;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.state.TableStoreDef;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The rating topology. Reads {@code tollgate.usage-events} (customer_id → raw event bytes),
 * {@code tollgate.refund-requests} (customer_id → RefundRequest, co-partitioned),
 * {@code tollgate.accepted-events} (customer_id → AcceptedEvent, co-partitioned, written by this
 * topology), {@code tollgate.rerate-requests} (customer_id → RerateRequest, co-partitioned) and the catalog
 * topics {@code tollgate.subscriptions} (customer_id → CustomerSubscriptions, co-partitioned),
 * {@code tollgate.credit-grants} (customer_id → CustomerCredits, co-partitioned),
 * {@code tollgate.plans}, {@code tollgate.meters}, {@code tollgate.addons} and {@code tollgate.coupons}
 * (code → Plan / Meter / AddOn / Coupon, global); writes {@code tollgate.rated-usage} (customer_id →
 * RatedUsage), {@code tollgate.usage-rejections} (customer_id → UsageRejection),
 * {@code tollgate.usage-alerts} (customer_id → UsageAlert), {@code tollgate.period-statements}
 * (subscription_id → PeriodStatement, statements, refund and re-rate adjustments),
 * {@code tollgate.accepted-events} (customer_id → each event rated or rejected late), {@code tollgate.rater-clock}
 * (ticks for the writing task's own partition) and, for a record that sits on another partition
 * than its customer's, {@code tollgate.usage-events} again, keyed by the customer.
 *
 * <p>Each usage record passes one processor, {@code rate-usage}, which forwards each output to its
 * own sink by name ({@link RaterSinks}). Every processor, store and sink is named.
 */
public final class RatingTopology {

    private static final Serde<byte[]> BYTES = Serdes.ByteArray();

    private RatingTopology() {
    }

    public static Topology build(final RaterSettings settings, final RatingCounts counts,
                                 final Properties streamsConfig) {
        final StreamsBuilder builder = new StreamsBuilder();
        final SkippedRecords skipped = RaterErrorHandlers.skippedRecords(streamsConfig);
        addRatingStores(builder, settings);
        final CatalogChanges changes = new CatalogChanges();
        addCatalog(builder, settings, skipped, changes);

        final KStream<String, byte[]> rated = builder
            .stream(Topics.USAGE_EVENTS.name(), consumed(Topics.USAGE_EVENTS, "usage-events-source"))
            .process(() -> new RatingProcessor(settings, counts, changes), Named.as("rate-usage"),
                StateStores.SUBSCRIPTIONS.name(), StateStores.EVENT_STATUS.name(), StateStores.CHARGE_AGGREGATES.name(),
                StateStores.PENDING_EVENTS.name(), StateStores.CLOSED_PERIODS.name(), StateStores.ALERTS_SENT.name(),
                StateStores.DISTINCT_VALUES.name(), StateStores.CREDIT_GRANTS.name(), StateStores.CREDIT_USE.name(),
                StateStores.SPEND_TOTALS.name());
        sinks(rated, RaterSinks.RATED, RaterSinks.REJECTED, RaterSinks.ALERTS, RaterSinks.MISPLACED,
            RaterSinks.INTERIM_STATEMENTS, RaterSinks.ACCEPTED);

        addPeriodClose(builder, settings, counts);

        builder.stream(Topics.REFUND_REQUESTS.name(), consumed(Topics.REFUND_REQUESTS, "refund-requests-source"))
            .process(() -> new RefundProcessor(counts, skipped), Named.as("refund-statements"),
                StateStores.STATEMENTS.name(), StateStores.REFUNDS.name())
            .to(Topics.PERIOD_STATEMENTS.name(), produced(Topics.PERIOD_STATEMENTS, "statement-refunds-sink"));

        addRerate(builder, counts, skipped);

        return builder.build(streamsConfig);
    }

    /**
     * The period close reads the task's clock ticks and writes statements and, while stream time lags
     * the wall clock, ticks back to the task's own partition ({@link PeriodCloseProcessor}).
     */
    private static void addPeriodClose(final StreamsBuilder builder, final RaterSettings settings,
                                       final RatingCounts counts) {
        final KStream<String, byte[]> closed = builder
            .stream(Topics.RATER_CLOCK.name(), consumed(Topics.RATER_CLOCK, "rater-clock-source"))
            .process(() -> new PeriodCloseProcessor(settings, counts), Named.as("close-periods"),
                StateStores.SUBSCRIPTIONS.name(), StateStores.CHARGE_AGGREGATES.name(),
                StateStores.ALERTS_SENT.name(), StateStores.CLOSED_PERIODS.name(), StateStores.CLOSE_SCHEDULE.name(),
                StateStores.STATEMENTS.name(), StateStores.REFUNDS.name(), StateStores.DISTINCT_VALUES.name(),
                StateStores.CREDIT_USE.name(), StateStores.SPEND_TOTALS.name(), StateStores.RERATES.name());
        sinks(closed, RaterSinks.STATEMENTS);
        closed.to(Topics.RATER_CLOCK.name(), Produced.with(Topics.RATER_CLOCK.keySerde(), BYTES)
            .withStreamPartitioner(RatingTopology::ownPartition)
            .withName(RaterSinks.CLOCK_TICKS.name()));
    }

    /**
     * The rater reads back the accepted events it wrote, keeping them per period, and re-rates a
     * closed period from them when asked; both topics are co-partitioned with the usage events.
     */
    private static void addRerate(final StreamsBuilder builder, final RatingCounts counts,
                                  final SkippedRecords skipped) {
        builder.stream(Topics.ACCEPTED_EVENTS.name(), consumed(Topics.ACCEPTED_EVENTS, "accepted-events-source"))
            .process(() -> new AcceptedEventKeeper(skipped), Named.as("keep-accepted-events"),
                StateStores.ACCEPTED_EVENTS.name());
        builder.stream(Topics.RERATE_REQUESTS.name(), consumed(Topics.RERATE_REQUESTS, "rerate-requests-source"))
            .process(() -> new RerateProcessor(counts, skipped), Named.as("rerate-statements"),
                StateStores.SUBSCRIPTIONS.name(), StateStores.ACCEPTED_EVENTS.name(), StateStores.STATEMENTS.name(),
                StateStores.RERATES.name(), StateStores.CLOSED_PERIODS.name(), StateStores.CHARGE_AGGREGATES.name(),
                StateStores.CREDIT_USE.name(), StateStores.SPEND_TOTALS.name())
            .to(Topics.PERIOD_STATEMENTS.name(), produced(Topics.PERIOD_STATEMENTS, "statement-rerates-sink"));
    }

    /** A sink node per output, each taking the bytes its processor forwards to it by name. */
    private static void sinks(final KStream<String, byte[]> outputs, final Sink<?>... sinks) {
        for (final Sink<?> sink : sinks) {
            outputs.to(sink.topic().name(), Produced.with(sink.topic().keySerde(), BYTES).withName(sink.name()));
        }
    }

    /** A tick goes to the partition its key names: the partition of the task that wrote it. */
    private static Optional<Set<Integer>> ownPartition(final String topic, final String partition, final byte[] tick,
                                                       final int partitions) {
        return Optional.of(Set.of(Integer.parseInt(partition)));
    }

    private static void addCatalog(final StreamsBuilder builder, final RaterSettings settings,
                                   final SkippedRecords skipped, final CatalogChanges changes) {
        globalCatalog(builder, Topics.PLANS, StateStores.PLANS, "plans-table", skipped, changes);
        globalCatalog(builder, Topics.METERS, StateStores.METERS, "meters-table", skipped, changes);
        globalCatalog(builder, Topics.ADDONS, StateStores.ADDONS, "addons-table", skipped, changes);
        globalCatalog(builder, Topics.COUPONS, StateStores.COUPONS, "coupons-table", skipped, changes);
        final Serde<CustomerSubscriptions> subscriptions = new CatalogSerde<>(CustomerSubscriptions.class,
            CatalogSerde.SUBSCRIPTION_ENTRIES, skipped);
        builder.table(Topics.SUBSCRIPTIONS.name(), consumed(Topics.SUBSCRIPTIONS, subscriptions, "subscriptions-table"),
                StateStores.SUBSCRIPTIONS.materialized(subscriptions))
            .toStream(Named.as("subscription-changes"))
            .process(() -> new SubscriptionIndexer(settings), Named.as("index-subscriptions"),
                StateStores.SUBSCRIPTIONS.name(), StateStores.CLOSED_PERIODS.name(), StateStores.CLOSE_SCHEDULE.name(),
                StateStores.SUBSCRIPTION_CUSTOMERS.name(), StateStores.STATEMENTS.name(), StateStores.REFUNDS.name(),
                StateStores.RERATES.name());
        final Serde<CustomerCredits> credits = new CatalogSerde<>(CustomerCredits.class,
            CatalogSerde.SUBSCRIPTION_ENTRIES, skipped);
        builder.table(Topics.CREDIT_GRANTS.name(), consumed(Topics.CREDIT_GRANTS, credits, "credit-grants-table"),
            StateStores.CREDIT_GRANTS.materialized(credits));
    }

    /**
     * Streams gives a table's store the serdes of its {@code Consumed}, whatever {@code Materialized}
     * says, so the decoding cache goes to both.
     */
    private static <V> void globalCatalog(final StreamsBuilder builder, final Topic<String, V> topic,
                                          final TableStoreDef<String, V> store, final String sourceName,
                                          final SkippedRecords skipped, final CatalogChanges changes) {
        final Serde<V> values = new CatalogSerde<>(store.valueType(), CatalogSerde.CATALOG_ENTRIES, skipped);
        builder.addGlobalStore(store.globalStore(values), topic.name(), consumed(topic, values, sourceName),
            () -> new GlobalCatalogUpdater<>(store, changes));
    }

    private static void addRatingStores(final StreamsBuilder builder, final RaterSettings settings) {
        builder.addStateStore(StateStores.EVENT_STATUS.builder(settings.dedupWindow()));
        builder.addStateStore(StateStores.ACCEPTED_EVENTS.builder(settings.acceptedEventsRetention()));
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
