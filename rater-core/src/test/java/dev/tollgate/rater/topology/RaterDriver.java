package dev.tollgate.rater.topology;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.config.RaterSettings;
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
 * The rating topology in a {@link TopologyTestDriver}, with its catalog, usage and refund inputs, its
 * outputs, a wall clock the test moves, and the helpers the rating-rule tests share: one customer
 * ({@code acme}) on one monthly USD plan from March 2026. The driver feeds a record written to one of
 * the topology's own source topics back into it, as the broker would, so the rater's clock ticks are
 * read back too.
 */
public final class RaterDriver implements AutoCloseable {

    public static final int PARTITIONS = 4;
    public static final String CUSTOMER = "acme";
    public static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    public static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    public static final Duration GRACE = Duration.ofHours(1);
    public static final Duration RETENTION = Duration.ofDays(60);

    public final RatingCounts counts = new RatingCounts();
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, byte[]> usage;
    public final TestInputTopic<String, Meter> meters;
    public final TestInputTopic<String, Plan> plans;
    public final TestInputTopic<String, AddOn> addOns;
    public final TestInputTopic<String, Coupon> coupons;
    public final TestInputTopic<String, CustomerSubscriptions> subscriptions;
    public final TestInputTopic<String, CustomerCredits> credits;
    public final TestInputTopic<String, RefundRequest> refunds;
    public final TestInputTopic<String, RerateRequest> rerates;
    public final TestOutputTopic<String, AcceptedEvent> accepted;
    public final TestOutputTopic<String, RatedUsage> rated;
    public final TestOutputTopic<String, UsageRejection> rejected;
    public final TestOutputTopic<String, PeriodStatement> statements;
    public final TestOutputTopic<String, UsageAlert> alerts;
    private Instant wallClock;

    public RaterDriver(final Path stateDir) {
        this(stateDir, NOW);
    }

    public RaterDriver(final Path stateDir, final Instant wallClock) {
        this(stateDir, new RaterSettings(PARTITIONS, Duration.ofDays(35), Duration.ofSeconds(10),
            Duration.ofSeconds(1), GRACE, Duration.ofSeconds(1), RETENTION), wallClock);
    }

    RaterDriver(final Path stateDir, final RaterSettings settings) {
        this(stateDir, settings, NOW);
    }

    public RaterDriver(final Path stateDir, final RaterSettings settings, final Instant wallClock) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rating-rules-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        this.wallClock = wallClock;
        driver = new TopologyTestDriver(RatingTopology.build(settings, counts, config), config, wallClock);
        usage = input(Topics.USAGE_EVENTS);
        meters = input(Topics.METERS);
        plans = input(Topics.PLANS);
        addOns = input(Topics.ADDONS);
        coupons = input(Topics.COUPONS);
        subscriptions = input(Topics.SUBSCRIPTIONS);
        credits = input(Topics.CREDIT_GRANTS);
        refunds = input(Topics.REFUND_REQUESTS);
        rerates = input(Topics.RERATE_REQUESTS);
        accepted = output(Topics.ACCEPTED_EVENTS);
        rated = output(Topics.RATED_USAGE);
        rejected = output(Topics.USAGE_REJECTIONS);
        statements = output(Topics.PERIOD_STATEMENTS);
        alerts = output(Topics.USAGE_ALERTS);
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
        plans.pipeInput("plan", monthlyPlan("plan", BigDecimal.ZERO, billingCycles, charges));
        subscriptions.pipeInput(CUSTOMER, new CustomerSubscriptions(CUSTOMER, List.of(
            new Subscription("sub_1", CUSTOMER, "plan", null, start, null, "calendar"))));
    }

    /** A plan of one version, in force since the epoch: monthly, in USD, billed in arrears. */
    public static Plan monthlyPlan(final String code, final BigDecimal amount, final Charge... charges) {
        return monthlyPlan(code, amount, null, charges);
    }

    private static Plan monthlyPlan(final String code, final BigDecimal amount, final Integer billingCycles,
                                    final Charge... charges) {
        return new Plan(code, Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH, "Plan", null,
            "monthly", "USD", amount, 0, List.of(charges), null, null, null, null, null, billingCycles, 0, null, false,
            null, null, null, null, null, null)));
    }

    static Charge charge(final String code, final String meter, final String model,
                         final Map<String, Object> properties, final Map<String, List<String>> filters) {
        return new Charge(code, meter, model, properties, filters, null, List.of());
    }

    /** An event of acme of this type at {@link #NOW}, received then. */
    void event(final String id, final String type, final Map<String, Object> properties) {
        eventAt(id, type, properties, NOW, NOW);
    }

    public void eventAt(final String id, final String type, final Map<String, Object> properties, final Instant at,
                 final Instant received) {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("customer_id", CUSTOMER);
        event.put("timestamp", at.toString());
        event.put("properties", properties);
        usage.pipeInput(CUSTOMER, Json.write(event), received);
    }

    public void subscribe(final Subscription subscription, final Instant written) {
        subscriptions.pipeInput(subscription.customerId(), new CustomerSubscriptions(subscription.customerId(),
            List.of(subscription)), written);
    }

    /** An event of {@code type} with a numeric {@code seconds} property, at {@code at}, written then. */
    public void call(final String id, final String customer, final String type, final int seconds,
                     final Instant at) {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("customer_id", customer);
        event.put("timestamp", at.toString());
        event.put("properties", Map.of("seconds", seconds));
        usage.pipeInput(customer, Json.write(event), at);
    }

    /** Moves the wall clock to {@code at}; each punctuation due by then fires once. */
    public void wallClockTo(final Instant at) {
        driver.advanceWallClockTime(Duration.between(wallClock, at));
        wallClock = at;
    }

    /** Moves the wall clock on by {@code step}. */
    public void wallClockBy(final Duration step) {
        wallClockTo(wallClock.plus(step));
    }

    @Override
    public void close() {
        driver.close();
    }
}
