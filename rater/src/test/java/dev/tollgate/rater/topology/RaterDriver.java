package dev.tollgate.rater.topology;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.rating.RatingCounts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The rating topology in a {@link TopologyTestDriver}, with the catalog and event helpers the
 * rating-rule tests share: one customer ({@code acme}) on one monthly USD plan from March 2026.
 */
final class RaterDriver implements AutoCloseable {

    static final int PARTITIONS = 4;
    static final String CUSTOMER = "acme";
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    final RatingCounts counts = new RatingCounts();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> usage;
    final TestInputTopic<String, Meter> meters;
    final TestInputTopic<String, Plan> plans;
    final TestInputTopic<String, CustomerSubscriptions> subscriptions;
    final TestOutputTopic<String, RatedUsage> rated;
    final TestOutputTopic<String, UsageRejection> rejected;
    final TestOutputTopic<String, PeriodStatement> statements;

    RaterDriver(final Path stateDir) {
        this(stateDir, new RaterSettings(PARTITIONS, Duration.ofDays(35), Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(60)));
    }

    RaterDriver(final Path stateDir, final RaterSettings settings) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rating-rules-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(RatingTopology.build(settings, counts, config), config, NOW);
        usage = input(Topics.USAGE_EVENTS);
        meters = input(Topics.METERS);
        plans = input(Topics.PLANS);
        subscriptions = input(Topics.SUBSCRIPTIONS);
        rated = output(Topics.RATED_USAGE);
        rejected = output(Topics.USAGE_REJECTIONS);
        statements = output(Topics.PERIOD_STATEMENTS);
    }

    private <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    }

    void meter(final Meter meter) {
        meters.pipeInput(meter.code(), meter);
    }

    /** Plan {@code plan} v1 in USD with these charges, and acme subscribed to it from March 1. */
    void plan(final Charge... charges) {
        plan(null, charges);
    }

    void plan(final Integer billingCycles, final Charge... charges) {
        plan(billingCycles, START, charges);
    }

    void plan(final Integer billingCycles, final Instant start, final Charge... charges) {
        plans.pipeInput("plan", new Plan("plan", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Plan", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(charges), null, null, null, null, null,
            billingCycles, 0, null, false, null, null, null, null, null, null))));
        subscriptions.pipeInput(CUSTOMER, new CustomerSubscriptions(CUSTOMER, List.of(
            new Subscription("sub_1", CUSTOMER, "plan", null, start, null, "calendar"))));
    }

    static Charge charge(final String code, final String meter, final String model,
                         final Map<String, Object> properties, final Map<String, List<String>> filters) {
        return new Charge(code, meter, model, properties, filters, null, List.of());
    }

    /** An event of acme of this type at {@link #NOW}, received then. */
    void event(final String id, final String type, final Map<String, Object> properties) {
        eventAt(id, type, properties, NOW, NOW);
    }

    void eventAt(final String id, final String type, final Map<String, Object> properties, final Instant at,
                 final Instant received) {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("customer_id", CUSTOMER);
        event.put("timestamp", at.toString());
        event.put("properties", properties);
        usage.pipeInput(CUSTOMER, Json.write(event), received);
    }

    @Override
    public void close() {
        driver.close();
    }
}
