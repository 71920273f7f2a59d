package dev.tollgate.rater.closing;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.topology.RaterSettings;
import dev.tollgate.rater.topology.RatingTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The rating topology in a {@link TopologyTestDriver}, with its catalog and usage inputs and its
 * statement and usage outputs. The driver feeds a record written to one of the topology's own
 * source topics back into it, as the broker would, so the rater's clock ticks are read back too.
 */
final class RaterDriver implements AutoCloseable {

    static final Duration GRACE = Duration.ofHours(1);
    static final Duration RETENTION = Duration.ofDays(60);

    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> usage;
    final TestInputTopic<String, Meter> meters;
    final TestInputTopic<String, Plan> plans;
    final TestInputTopic<String, AddOn> addOns;
    final TestInputTopic<String, CustomerSubscriptions> subscriptions;
    final TestInputTopic<String, RefundRequest> refunds;
    final TestOutputTopic<String, PeriodStatement> statements;
    final TestOutputTopic<String, RatedUsage> rated;
    final TestOutputTopic<String, UsageRejection> rejected;
    private Instant wallClock;

    RaterDriver(final Path stateDir, final Instant wallClock) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rater-driver-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        final RaterSettings settings = new RaterSettings(4, Duration.ofDays(35), Duration.ofSeconds(10),
            Duration.ofSeconds(1), GRACE, Duration.ofSeconds(1), RETENTION);
        this.wallClock = wallClock;
        driver = new TopologyTestDriver(RatingTopology.build(settings, new RatingCounts(), config), config, wallClock);
        usage = input(Topics.USAGE_EVENTS);
        meters = input(Topics.METERS);
        plans = input(Topics.PLANS);
        addOns = input(Topics.ADDONS);
        subscriptions = input(Topics.SUBSCRIPTIONS);
        refunds = input(Topics.REFUND_REQUESTS);
        statements = output(Topics.PERIOD_STATEMENTS);
        rated = output(Topics.RATED_USAGE);
        rejected = output(Topics.USAGE_REJECTIONS);
    }

    private <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    }

    void subscribe(final Subscription subscription, final Instant written) {
        subscriptions.pipeInput(subscription.customerId(), new CustomerSubscriptions(subscription.customerId(),
            List.of(subscription)), written);
    }

    /** An event of {@code type} with a numeric {@code seconds} property, at {@code at}, written then. */
    void call(final String id, final String customer, final String type, final int seconds, final Instant at) {
        usage.pipeInput(customer, ("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"customer_id\":\"" + customer
            + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"seconds\":" + seconds + "}}")
            .getBytes(StandardCharsets.UTF_8), at);
    }

    /** Moves the wall clock to {@code at}; each punctuation due by then fires once. */
    void wallClockTo(final Instant at) {
        driver.advanceWallClockTime(Duration.between(wallClock, at));
        wallClock = at;
    }

    /** Moves the wall clock on by {@code step}. */
    void wallClockBy(final Duration step) {
        wallClockTo(wallClock.plus(step));
    }

    @Override
    public void close() {
        driver.close();
    }
}
