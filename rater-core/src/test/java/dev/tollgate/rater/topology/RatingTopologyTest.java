package dev.tollgate.rater.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingTopologyTest {

    private static final int PARTITIONS = 4;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CALL_TIME = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(60);

    @TempDir
    Path stateDir;

    private final RatingCounts counts = new RatingCounts();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> usage;
    private TestInputTopic<String, Meter> meters;
    private TestInputTopic<String, Plan> plans;
    private TestInputTopic<String, CustomerSubscriptions> subscriptions;
    private TestOutputTopic<String, RatedUsage> rated;
    private TestOutputTopic<String, UsageRejection> rejected;
    private TestOutputTopic<String, UsageAlert> alerts;
    private TestOutputTopic<String, PeriodStatement> statements;
    private TestInputTopic<String, RefundRequest> refundRequests;

    @BeforeEach
    void startDriver() {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rating-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        final RaterSettings settings = new RaterSettings(PARTITIONS, Duration.ofDays(35), Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(1), RETENTION);
        driver = new TopologyTestDriver(RatingTopology.build(settings, counts, config), config, CALL_TIME);
        usage = input(Topics.USAGE_EVENTS);
        meters = input(Topics.METERS);
        plans = input(Topics.PLANS);
        subscriptions = input(Topics.SUBSCRIPTIONS);
        refundRequests = input(Topics.REFUND_REQUESTS);
        rated = driver.createOutputTopic(Topics.RATED_USAGE.name(), Topics.RATED_USAGE.keySerde().deserializer(),
            Topics.RATED_USAGE.valueSerde().deserializer());
        rejected = driver.createOutputTopic(Topics.USAGE_REJECTIONS.name(),
            Topics.USAGE_REJECTIONS.keySerde().deserializer(), Topics.USAGE_REJECTIONS.valueSerde().deserializer());
        alerts = driver.createOutputTopic(Topics.USAGE_ALERTS.name(), Topics.USAGE_ALERTS.keySerde().deserializer(),
            Topics.USAGE_ALERTS.valueSerde().deserializer());
        statements = driver.createOutputTopic(Topics.PERIOD_STATEMENTS.name(),
            Topics.PERIOD_STATEMENTS.keySerde().deserializer(), Topics.PERIOD_STATEMENTS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private void catalog(final ChargeLimit limit) {
        meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum", "seconds",
            Map.of("direction", List.of("inbound"))));
        plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(new Charge("inbound",
            "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), limit, List.of()))))));
        subscriptions.pipeInput("acme", new CustomerSubscriptions("acme", List.of(
            new Subscription("sub_1", "acme", "voice", null, START, null, "calendar"))));
    }

    private void call(final String id, final String customer, final int seconds) {
        callAt(id, customer, seconds, CALL_TIME, CALL_TIME);
    }

    /** A call that happened at {@code at} and reached Kafka at {@code received}. */
    private void callAt(final String id, final String customer, final int seconds, final Instant at,
                        final Instant received) {
        usage.pipeInput(customer, ("{\"id\":\"" + id + "\",\"type\":\"call_ended\",\"customer_id\":\"" + customer
            + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"seconds\":" + seconds
            + ",\"direction\":\"inbound\"}}").getBytes(StandardCharsets.UTF_8), received);
    }

    @Test
    void shouldRateEventWithTheChargeInForce() {
        catalog(null);
        call("e1", "acme", 125);
        call("e2", "acme", 75);

        final List<RatedUsage> out = rated.readValuesToList();
        assertEquals(2, out.size());
        // 125 s x 0.002 = 0.250; then 75 s x 0.002 = 0.150 with the aggregate at 200 s
        assertEquals(0, new BigDecimal("0.250").compareTo(out.get(0).amount()));
        assertEquals(0, new BigDecimal("0.150").compareTo(out.get(1).amount()));
        assertEquals(0, new BigDecimal("200").compareTo(out.get(1).totalUnits()));
        assertEquals("sub_1", out.get(1).subscriptionId());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), out.get(1).period().start());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), out.get(1).period().end());
        assertTrue(rejected.isEmpty());
    }

    @Test
    void shouldRejectRepeatedEventAsDuplicate() {
        catalog(null);
        call("e1", "acme", 10);
        call("e1", "acme", 10);

        assertEquals(1, rated.readValuesToList().size());
        final UsageRejection rejection = rejected.readValue();
        assertEquals(RejectionReason.DUPLICATE, rejection.reason());
        assertEquals("e1", rejection.eventId());
        assertTrue(rejected.isEmpty());
    }

    @Test
    void shouldRejectUnreadableRecordsAsInvalidWithTheirBytes() {
        catalog(null);
        usage.pipeInput("acme", "not json at all".getBytes(StandardCharsets.UTF_8), CALL_TIME);
        usage.pipeInput("acme", "{\"id\":\"e9\",\"customer_id\":\"acme\"}".getBytes(StandardCharsets.UTF_8),
            CALL_TIME);

        final UsageRejection notJson = rejected.readValue();
        assertEquals(RejectionReason.INVALID, notJson.reason());
        assertEquals("not json at all", notJson.raw());
        final UsageRejection missingType = rejected.readValue();
        assertEquals(RejectionReason.INVALID, missingType.reason());
        assertTrue(missingType.detail().contains("type is required"), missingType.detail());
        assertEquals("e9", missingType.eventId());
        assertTrue(rated.isEmpty());
    }

    @Test
    void shouldRejectEventPastEnforcedLimitWithoutCountingIt() {
        catalog(new ChargeLimit(new BigDecimal("100"), true));
        call("e1", "acme", 60);
        call("e2", "acme", 50);
        call("e3", "acme", 40);

        final List<RatedUsage> out = rated.readValuesToList();
        assertEquals(2, out.size());
        // e2 would take the aggregate to 110 > 100 and is not counted, so e3 lands at 60 + 40 = 100
        assertEquals(0, new BigDecimal("100").compareTo(out.get(1).totalUnits()));
        final UsageRejection rejection = rejected.readValue();
        assertEquals(RejectionReason.LIMIT_EXCEEDED, rejection.reason());
        assertEquals("e2", rejection.eventId());
        assertTrue(rejected.isEmpty());
    }

    @Test
    void shouldHoldEventUntilItsSubscriptionArrives() {
        meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        call("e1", "late_customer", 30);
        assertTrue(rated.isEmpty());
        assertTrue(rejected.isEmpty());

        plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Voice", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(new Charge("seconds",
            "voice_seconds", "standard", Map.of("amount", "1"), Map.of(), null, List.of()))))));
        subscriptions.pipeInput("late_customer", new CustomerSubscriptions("late_customer", List.of(
            new Subscription("sub_late", "late_customer", "voice", null, START, null, "calendar"))));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        final RatedUsage out = rated.readValue();
        assertEquals("e1", out.eventId());
        assertEquals(0, new BigDecimal("30").compareTo(out.amount()));
        assertTrue(rejected.isEmpty());
    }

    @Test
    void shouldRejectNoSubscriptionOnceTheHoldIsOver() {
        catalog(null);
        call("e1", "stranger", 30);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertTrue(rejected.isEmpty());

        driver.advanceWallClockTime(Duration.ofSeconds(6));
        final UsageRejection rejection = rejected.readValue();
        assertEquals(RejectionReason.NO_SUBSCRIPTION, rejection.reason());
        assertEquals("e1", rejection.eventId());
        assertTrue(rated.isEmpty());
    }

    @Test
    void shouldRejectEventNoChargePricesAsNotBillable() {
        catalog(null);
        usage.pipeInput("acme", ("{\"id\":\"e1\",\"type\":\"call_ended\",\"customer_id\":\"acme\",\"timestamp\":\""
            + CALL_TIME + "\",\"properties\":{\"seconds\":5,\"direction\":\"outbound\"}}")
            .getBytes(StandardCharsets.UTF_8), CALL_TIME);

        final UsageRejection rejection = rejected.readValue();
        assertEquals(RejectionReason.NOT_BILLABLE, rejection.reason());
        assertTrue(rated.isEmpty());
    }

    @Test
    void shouldRateRecordFromAnotherPartitionOnceThroughTheRepartitionTopic() {
        catalog(null);
        // The driver reads every input record as partition 0; pick a customer whose partition is not 0,
        // as a producer hashing with CRC32 instead of murmur2 may leave it.
        final String customer = customerNotOnPartitionZero();
        subscriptions.pipeInput(customer, new CustomerSubscriptions(customer, List.of(
            new Subscription("sub_moved", customer, "voice", null, START, null, "calendar"))));
        call("e1", customer, 50);
        call("e1", customer, 50);

        final List<RatedUsage> out = rated.readValuesToList();
        assertEquals(1, out.size());
        assertEquals("sub_moved", out.get(0).subscriptionId());
        assertEquals(RejectionReason.DUPLICATE, rejected.readValue().reason());
    }

    @Test
    void shouldCloseThePeriodOnceBothClocksPassedItsEndPlusGrace() {
        catalog(null);
        call("e1", "acme", 125);
        final Instant later = Instant.parse("2026-04-01T01:30:00Z");
        // Stream time passes the end plus grace, the wall clock does not yet: nothing closes.
        callAt("e2", "acme", 10, later, later);
        driver.advanceWallClockTime(Duration.between(CALL_TIME, Instant.parse("2026-04-01T00:59:00Z")));
        assertTrue(statements.isEmpty(), "the wall clock has not passed the end plus grace");

        // Then the wall clock passes it too.
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        final PeriodStatement statement = statements.readKeyValue().value;
        assertEquals("sub_1", statement.subscriptionId());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), statement.period().start());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), statement.period().end());
        assertTrue(statement.finalStatement());
        // base 10.00 (in arrears) + 125 s x 0.002 = 0.25 => 10.25
        assertEquals(0, new BigDecimal("10.25").compareTo(statement.total()));
        assertEquals(List.of("subscription", "usage"), statement.lines().stream().map(l -> l.type()).toList());
        assertEquals(0, new BigDecimal("0.25").compareTo(statement.lines().get(1).amount()));
        assertTrue(statements.isEmpty(), "a period's statement is published once");
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertTrue(statements.isEmpty(), "a period's statement is published once");
    }

    @Test
    void shouldRefundAFinalStatementWithAdjustmentsThatNeverExceedItsTotal() {
        final PeriodStatement march = closeMarch();
        // base 10.00 + 125 s x 0.002 = 0.25 => 10.25 to refund at most
        assertEquals(0, new BigDecimal("10.25").compareTo(march.total()));

        refund("r1", march.id(), new BigDecimal("4"), "goodwill");
        final PeriodStatement partial = statements.readValue();
        assertEquals(march.id() + "/refunds/r1", partial.id());
        assertEquals(PeriodStatement.REFUND, partial.kind());
        assertEquals(march.id(), partial.adjusts());
        assertEquals(march.period(), partial.period());
        assertEquals("goodwill", partial.reason());
        assertEquals(new BigDecimal("-4.00"), partial.total());
        assertEquals(List.of("refund"), partial.lines().stream().map(l -> l.type()).toList());
        assertEquals(Refund.REFUNDED, refundOutcome("r1").status());
        assertEquals("partially_refunded", refundOutcome("r1").statementStatus());

        // 10.25 - 4.00 = 6.25 left: 6.26 is refused and changes nothing
        refund("r2", march.id(), new BigDecimal("6.26"), null);
        assertTrue(statements.isEmpty());
        assertEquals(Refund.REJECTED, refundOutcome("r2").status());
        assertEquals("a refund of 6.26 USD exceeds the 6.25 USD left to refund on the statement",
            refundOutcome("r2").detail());

        refund("r3", march.id(), null, "cancelled");
        final PeriodStatement rest = statements.readValue();
        assertEquals(new BigDecimal("-6.25"), rest.total());
        assertEquals("refunded", refundOutcome("r3").statementStatus());
        assertEquals(new BigDecimal("10.25"), refundOutcome("r3").refundedTotal());

        refund("r4", march.id(), null, null);
        assertTrue(statements.isEmpty());
        assertEquals(2, counts.refundsGranted());
        assertEquals(2, counts.refundsRejected());
        assertEquals("the statement is already fully refunded (10.25 USD)", refundOutcome("r4").detail());
        assertEquals(0, new BigDecimal("10.25").compareTo(march.total()), "the statement itself is never edited");
    }

    @Test
    void shouldRefundOnceWhenARequestIsRepeated() {
        final PeriodStatement march = closeMarch();
        refund("r1", march.id(), new BigDecimal("1.50"), null);
        refund("r1", march.id(), new BigDecimal("1.50"), null);
        refund("r1", march.id(), new BigDecimal("2.00"), null);
        final List<PeriodStatement> adjustments = statements.readValuesToList();
        assertEquals(1, adjustments.size());
        assertEquals(new BigDecimal("-1.50"), adjustments.get(0).total());
        assertEquals(new BigDecimal("1.50"), refundOutcome("r1").amount());
    }

    @Test
    void shouldRejectARefundOfAStatementThatDoesNotExist() {
        final PeriodStatement march = closeMarch();
        refund("r1", "sub_1/2026-05-01T00:00:00Z", null, null);
        refund("r2", march.id() + "/refunds/r0", null, null);
        assertTrue(statements.isEmpty());
        assertEquals("subscription sub_1 has no final statement sub_1/2026-05-01T00:00:00Z",
            refundOutcome("r1").detail());
        assertEquals(Refund.REJECTED, refundOutcome("r2").status(), "a refund adjusts a statement, not a refund");
    }

    @Test
    void shouldAggregateAndPriceEachGroupOfAGroupedChargeOnItsOwn() {
        meters.pipeInput("agent_seconds", new Meter("agent_seconds", "Agent seconds", "call_ended", "sum", "seconds",
            Map.of()));
        final Map<String, Object> upper = new java.util.HashMap<>(Map.of("from_value", 100, "per_unit_amount", "0.005",
            "flat_amount", "0"));
        upper.put("to_value", null);
        plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(new Charge("per_agent", "agent_seconds",
            "graduated", Map.of("pricing_group_keys", List.of("agent"), "graduated_ranges", List.of(
                Map.of("from_value", 0, "to_value", 100, "per_unit_amount", "0.01", "flat_amount", "0"), upper)),
            Map.of(), null, List.of()))))));
        subscriptions.pipeInput("acme", new CustomerSubscriptions("acme", List.of(
            new Subscription("sub_1", "acme", "voice", null, START, null, "calendar"))));
        agentCall("a1", "\"a\"", 100);
        agentCall("a2", "\"a\"", 50);
        agentCall("b1", "\"b\"", 50);
        agentCall("n1", null, 10);

        final List<RatedUsage> usages = rated.readValuesToList();
        assertEquals(List.of(List.of("a"), List.of("a"), List.of("b")),
            usages.subList(0, 3).stream().map(RatedUsage::group).toList());
        assertEquals(Arrays.asList((String) null), usages.get(3).group(), "a missing property is its own group");
        // group a: the first 100 s at 0.01 = 1.00, then 50 s past 100 at 0.005 = 0.25 (not 0.50: b does not count)
        assertEquals(0, new BigDecimal("0.25").compareTo(usages.get(1).amount()));
        assertEquals(0, new BigDecimal("150").compareTo(usages.get(1).totalUnits()));
        // group b starts from 0: 50 s x 0.01 = 0.50
        assertEquals(0, new BigDecimal("0.50").compareTo(usages.get(2).amount()));

        final Instant later = Instant.parse("2026-04-01T01:30:00Z");
        callAt("late", "acme", 1, later, later);
        driver.advanceWallClockTime(Duration.between(CALL_TIME, Instant.parse("2026-04-01T02:00:00Z")));
        final PeriodStatement march = statements.readValue();
        assertEquals(List.of("voice", "per_agent[a]", "per_agent[b]", "per_agent[null]"),
            march.lines().stream().map(line -> line.code()).toList());
        // 10.00 base + 1.25 (a) + 0.50 (b) + 10 s x 0.01 = 0.10 (no agent) = 11.85
        assertEquals(0, new BigDecimal("11.85").compareTo(march.total()));
    }

    private void agentCall(final String id, final String agentJson, final int seconds) {
        usage.pipeInput("acme", ("{\"id\":\"" + id + "\",\"type\":\"call_ended\",\"customer_id\":\"acme\","
            + "\"timestamp\":\"" + CALL_TIME + "\",\"properties\":{\"seconds\":" + seconds
            + (agentJson == null ? "" : ",\"agent\":" + agentJson) + "}}").getBytes(StandardCharsets.UTF_8),
            CALL_TIME);
    }

    @Test
    void shouldKeepOneScheduledClosePerSubscriptionTheNextOne() {
        closeMarch();
        // April ends 2026-05-01T00:00Z; with the hour of grace it is due at 01:00.
        assertEquals(List.of(StateKeys.closeDue(Instant.parse("2026-05-01T01:00:00Z"), "sub_1")), scheduledCloses());
        assertEquals("acme", driver.<String, String>getKeyValueStore(StateStores.CLOSE_SCHEDULE.name())
            .get(scheduledCloses().get(0)));
        assertEquals("acme", driver.<String, String>getKeyValueStore(StateStores.SUBSCRIPTION_CUSTOMERS.name()).get("sub_1"));
    }

    @Test
    void shouldCloseAPeriodOnceASubscriptionsLatePlanArrives() {
        meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum", "seconds",
            Map.of()));
        subscriptions.pipeInput("acme", new CustomerSubscriptions("acme", List.of(
            new Subscription("sub_1", "acme", "voice", null, START, null, "calendar"))));
        final Instant later = Instant.parse("2026-04-01T01:30:00Z");
        callAt("e1", "acme", 10, later, later);
        driver.advanceWallClockTime(Duration.between(CALL_TIME, Instant.parse("2026-04-01T02:00:00Z")));
        assertTrue(statements.isEmpty(), "without its plan the rater cannot close the period");

        plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, List.of()))));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        final PeriodStatement march = statements.readValue();
        assertEquals(START, march.period().start());
        // the base price alone, in arrears
        assertEquals(0, new BigDecimal("10.00").compareTo(march.total()));
    }

    @Test
    void shouldForgetAStatementAndItsRefundsOnceTheRetentionHasPassed() {
        final PeriodStatement march = closeMarch();
        refund("r1", march.id(), new BigDecimal("1"), null);
        assertEquals(march.id() + "/refunds/r1", statements.readValue().id());

        // May closes on 2026-06-01T01:00Z: March ended 61 days before, past the 60 days of retention.
        final Instant june = Instant.parse("2026-06-01T02:00:00Z");
        callAt("e3", "acme", 10, june, june);
        driver.advanceWallClockTime(Duration.between(Instant.parse("2026-04-01T02:00:00Z"), june));
        assertEquals(List.of("sub_1/2026-04-01T00:00:00Z", "sub_1/2026-05-01T00:00:00Z"),
            statements.readValuesToList().stream().map(PeriodStatement::id).toList());
        final List<String> kept = new java.util.ArrayList<>();
        try (var all = driver.<String, PeriodStatement>getKeyValueStore(StateStores.STATEMENTS.name()).all()) {
            all.forEachRemaining(entry -> kept.add(entry.value.id()));
        }
        assertEquals(List.of("sub_1/2026-04-01T00:00:00Z", "sub_1/2026-05-01T00:00:00Z"), kept);
        assertEquals(null, refundOutcome("r1"), "a forgotten statement's refunds go with it");
    }

    private List<String> scheduledCloses() {
        final List<String> keys = new java.util.ArrayList<>();
        try (var all = driver.<String, String>getKeyValueStore(StateStores.CLOSE_SCHEDULE.name()).all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** Rates one call in March and closes the month; returns its statement. */
    private PeriodStatement closeMarch() {
        catalog(null);
        call("e1", "acme", 125);
        final Instant later = Instant.parse("2026-04-01T01:30:00Z");
        callAt("e2", "acme", 10, later, later);
        driver.advanceWallClockTime(Duration.between(CALL_TIME, Instant.parse("2026-04-01T02:00:00Z")));
        final PeriodStatement march = statements.readValue();
        assertEquals(PeriodStatement.STATEMENT, march.kind());
        assertTrue(statements.isEmpty());
        return march;
    }

    private void refund(final String id, final String statementId, final BigDecimal amount, final String reason) {
        refundRequests.pipeInput("acme", new RefundRequest(id, "sub_1", statementId, amount, reason,
            Instant.parse("2026-04-02T09:00:00Z")));
    }

    private Refund refundOutcome(final String id) {
        return driver.<String, Refund>getKeyValueStore(StateStores.REFUNDS.name()).get(StateKeys.refund("sub_1", id));
    }

    @Test
    void shouldCloseATerminatedSubscriptionsPeriodAtItsEnd() {
        catalog(null);
        final Instant ended = Instant.parse("2026-03-16T00:00:00Z");
        subscriptions.pipeInput("acme", new CustomerSubscriptions("acme", List.of(
            new Subscription("sub_1", "acme", "voice", null, START, ended, "calendar"))));
        call("e1", "acme", 125);
        final Instant afterGrace = Instant.parse("2026-03-16T01:30:00Z");
        callAt("e2", "acme", 10, Instant.parse("2026-03-16T01:00:00Z"), afterGrace);
        driver.advanceWallClockTime(Duration.between(CALL_TIME, afterGrace));

        final PeriodStatement statement = statements.readValue();
        assertEquals(ended, statement.period().end());
        // base 10.00 x 15 of March's 31 days = 4.838... => 4.84; usage 125 s x 0.002 = 0.25 => 5.09
        assertEquals(0, new BigDecimal("5.09").compareTo(statement.total()), statement.lines().toString());
        assertEquals(List.of("e1"), rated.readValuesToList().stream().map(RatedUsage::eventId).toList());
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        final UsageRejection afterEnd = rejected.readValue();
        assertEquals("e2", afterEnd.eventId());
        assertEquals(RejectionReason.NO_SUBSCRIPTION, afterEnd.reason());
    }

    @Test
    void shouldRejectAnEventForAClosedPeriodAsLate() {
        catalog(null);
        call("e1", "acme", 125);
        final Instant april = Instant.parse("2026-04-01T02:00:00Z");
        callAt("e2", "acme", 10, april, april);
        driver.advanceWallClockTime(Duration.between(CALL_TIME, april));
        assertEquals(1, statements.readValuesToList().size());

        callAt("e3", "acme", 10, Instant.parse("2026-03-31T23:00:00Z"), april.plusSeconds(60));
        final UsageRejection late = rejected.readValue();
        assertEquals(RejectionReason.LATE, late.reason());
        assertEquals("e3", late.eventId());
        assertEquals(List.of("e1", "e2"), rated.readValuesToList().stream().map(RatedUsage::eventId).toList());
    }

    @Test
    void shouldAlertOncePerThresholdAndWhenAnUnenforcedLimitIsPassed() {
        meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum", "seconds",
            Map.of()));
        plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Voice", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(new Charge("seconds", "voice_seconds",
            "standard", Map.of("amount", "0.01"), Map.of(), new ChargeLimit(new BigDecimal("100"), false),
            List.of(new BigDecimal("50"), new BigDecimal("80"))))))));
        subscriptions.pipeInput("acme", new CustomerSubscriptions("acme", List.of(
            new Subscription("sub_1", "acme", "voice", null, START, null, "calendar"))));
        call("e1", "acme", 60);
        call("e2", "acme", 10);
        call("e3", "acme", 15);
        call("e4", "acme", 20);
        call("e5", "acme", 5);

        final List<UsageAlert> out = alerts.readValuesToList();
        // 60 crosses 50%; 85 crosses 80%; 105 passes the unenforced limit of 100; 110 alerts nothing new
        assertEquals(List.of("e1", "e3", "e4"), out.stream().map(UsageAlert::eventId).toList());
        assertEquals(List.of(UsageAlert.Kind.THRESHOLD, UsageAlert.Kind.THRESHOLD, UsageAlert.Kind.LIMIT_EXCEEDED),
            out.stream().map(UsageAlert::kind).toList());
        assertEquals(0, new BigDecimal("80").compareTo(out.get(1).threshold()));
        assertEquals(5, rated.readValuesToList().size(), "an unenforced limit counts every event");
    }

    @Test
    void shouldPriceEachEventWithThePlanVersionInForceAtItsTime() {
        meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum", "seconds",
            Map.of()));
        final Instant change = Instant.parse("2026-03-15T00:00:00Z");
        plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(
            new PlanVersion(1, Instant.EPOCH, "Voice", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(
                new Charge("seconds", "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), null,
                    List.of()))),
            new PlanVersion(2, change, "Voice", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(
                new Charge("seconds", "voice_seconds", "standard", Map.of("amount", "0.003"), Map.of(), null,
                    List.of()))))));
        subscriptions.pipeInput("acme", new CustomerSubscriptions("acme", List.of(
            new Subscription("sub_1", "acme", "voice", null, START, null, "calendar"))));
        // Arrival order differs from event time: the later call arrives first.
        final Instant received = Instant.parse("2026-03-20T00:00:00Z");
        callAt("after", "acme", 100, Instant.parse("2026-03-16T00:00:00Z"), received);
        callAt("before", "acme", 125, Instant.parse("2026-03-14T23:59:59Z"), received);

        final List<RatedUsage> out = rated.readValuesToList();
        // 100 s x 0.003 = 0.300 under v2; 125 s x 0.002 = 0.250 under v1
        assertEquals(2, out.get(0).planVersion());
        assertEquals(0, new BigDecimal("0.300").compareTo(out.get(0).amount()));
        assertEquals(1, out.get(1).planVersion());
        assertEquals(0, new BigDecimal("0.250").compareTo(out.get(1).amount()));
    }

    @Test
    void shouldReconcileEventsReadWithRatedRejectedAndPending() {
        catalog(new ChargeLimit(new BigDecimal("100"), true));
        call("e1", "acme", 60);
        call("e1", "acme", 60);
        call("e2", "acme", 50);
        call("e3", "stranger", 5);
        usage.pipeInput("acme", "{".getBytes(StandardCharsets.UTF_8), CALL_TIME);

        assertEquals(5, counts.eventsRead());
        assertEquals(1, counts.eventsRated());
        assertEquals(1, counts.eventsRejected(RejectionReason.DUPLICATE));
        assertEquals(1, counts.eventsRejected(RejectionReason.LIMIT_EXCEEDED));
        assertEquals(1, counts.eventsRejected(RejectionReason.INVALID));
        assertEquals(1, counts.eventsPending());
        assertEquals(counts.eventsRead(), counts.eventsRated() + counts.eventsRejected() + counts.eventsPending());

        driver.advanceWallClockTime(Duration.ofSeconds(11));
        assertEquals(0, counts.eventsPending());
        assertEquals(1, counts.eventsRejected(RejectionReason.NO_SUBSCRIPTION));
        assertEquals(counts.eventsRead(), counts.eventsRated() + counts.eventsRejected());
    }

    @Test
    void shouldMatchTheCheckedInTopologyDescription() throws IOException {
        final String expected = Files.readString(Path.of("src/test/resources/topology.txt"));
        assertEquals(expected.strip(), describe().strip(),
            "the rating topology changed: review the names, then update rater-core/src/test/resources/topology.txt");
    }

    private String describe() {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rating-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        final Topology topology = RatingTopology.build(RaterSettings.defaults(PARTITIONS), new RatingCounts(), config);
        return topology.describe().toString();
    }

    private static String customerNotOnPartitionZero() {
        for (int i = 0; ; i++) {
            final String candidate = "moved_" + i;
            final byte[] key = new StringSerializer().serialize(null, candidate);
            if (Utils.toPositive(Utils.murmur2(key)) % PARTITIONS != 0) {
                return candidate;
            }
        }
    }
}
