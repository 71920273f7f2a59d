package dev.tollgate.rater.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.SkippedRecords.Reason;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.runtime.RaterStreams;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unreadable and inapplicable records on every catalog and request topic, against a running rater
 * on the real broker: each is skipped and counted, the streams stay RUNNING (the global thread
 * included), and the keys they were written to keep their previous value. A second instance that
 * restores the same state from the topics reads them as absent instead of failing.
 */
class HostileCatalogRecordsTest {

    /** A number longer than Jackson reads (its limit is 1,000 digits): written fine, never read back. */
    private static final String HUGE_NUMBER = "1" + "0".repeat(5_000);

    private static TopicWriter writer;

    @BeforeAll
    static void openWriter() {
        writer = new TopicWriter();
    }

    @AfterAll
    static void closeWriter() {
        writer.close();
    }

    @Test
    void shouldSkipEveryBadCatalogRecordAndGoOnRating() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("voice", meter, null, null)));
        final String customer = CustomerIds.onePerPartition("hostile-" + UUID.randomUUID()).get(0);
        catalog.subscribe(customer);
        final String applicationId = "rater-hostile-" + UUID.randomUUID();
        try (TestServer rater = RaterInstances.start(applicationId)) {
            catalog.call(customer, "e1", "inbound", 100);
            awaitStatus(rater, customer, "e1", "rated");

            writeHostileRecords(catalog, customer);

            final SkippedRecords skipped = rater.context().getBean(RaterStreams.class).skipped();
            await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> skippedAll(skipped));
            catalog.call(customer, "e2", "inbound", 50);
            final TestHttp.Answer e2 = awaitStatus(rater, customer, "e2", "rated");
            assertEquals("0.100", e2.json().get("charges").get(0).get("amount").textValue(),
                "the plan, meter and subscription written before the bad records still rate: 50 s x 0.002");
            assertEquals(KafkaStreams.State.RUNNING, RaterInstances.streams(rater).state());
            assertEquals(200, rater.http().get("/health", null).status());
            assertEquals(expectedSkips(), skipCounts(skipped), "each bad record counted once");
        }

        // The same application on a fresh state directory restores its tables from the topics, byte for byte:
        // the latest record of each key is now the bad one, and reads as absent.
        try (TestServer restored = RaterInstances.start(applicationId)) {
            catalog.call(customer, "e3", "inbound", 10);
            final TestHttp.Answer e3 = awaitStatus(restored, customer, "e3", "rejected");
            assertEquals("NO_SUBSCRIPTION", e3.json().get("reason").textValue());
            assertEquals(KafkaStreams.State.RUNNING, RaterInstances.streams(restored).state());

            final VoiceCatalog fresh = new VoiceCatalog(writer, meter -> List.of(
                VoiceCatalog.charge("voice", meter, null, null)));
            final String other = CustomerIds.onePerPartition("after-" + UUID.randomUUID()).get(1);
            fresh.subscribe(other);
            fresh.call(other, "f1", "inbound", 25);
            awaitStatus(restored, other, "f1", "rated");
            assertEquals(200, restored.http().get("/health", null).status());
        }
    }

    private static void writeHostileRecords(final VoiceCatalog catalog, final String customer) {
        raw(Topics.PLANS.name(), catalog.plan, "not json at all");
        raw(Topics.PLANS.name(), catalog.plan, """
            {"code":"%s","status":"ACTIVE","versions":[{"version":2,"effective_from":"2020-01-01T00:00:00Z",
             "interval":"monthly","currency":"USD","amount":%s}]}""".formatted(catalog.plan, HUGE_NUMBER));
        raw(Topics.PLANS.name(), catalog.plan, """
            {"code":"%s","status":"ACTIVE","versions":[{"version":2,"interval":"monthly","currency":"USD"}]}"""
            .formatted(catalog.plan));
        raw(Topics.PLANS.name(), catalog.plan, "{\"code\":\"%s\",\"status\":\"ACTIVE\",\"versions\":[]}"
            .formatted(catalog.plan));
        writer.raw(Topics.METERS.name(), catalog.meter, new byte[] {0, 0, 1, 0});
        raw(Topics.METERS.name(), catalog.meter, """
            {"code":"%s","event_type":"%s","aggregation":"bogus"}""".formatted(catalog.meter, catalog.eventType));
        raw(Topics.SUBSCRIPTIONS.name(), customer, "[1,2");
        raw(Topics.SUBSCRIPTIONS.name(), customer, """
            {"customer_id":"%s","subscriptions":[{"id":"sub-x","customer_id":"%s","plan":"%s"}]}"""
            .formatted(customer, customer, catalog.plan));
        raw(Topics.COUPONS.name(), "coupon-" + customer, "\"a string\"");
        raw(Topics.COUPONS.name(), "coupon-" + customer, "{\"coupon_type\":\"fixed_amount\"}");
        raw(Topics.ADDONS.name(), "addon-" + customer, "{\"code\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        raw(Topics.ADDONS.name(), "addon-" + customer, """
            {"code":"addon-x","monthly_amount":"1e40"}""");
        raw(Topics.REFUND_REQUESTS.name(), customer, "xx");
        raw(Topics.REFUND_REQUESTS.name(), customer, "{}");
        raw(Topics.RERATE_REQUESTS.name(), customer, "xx");
        raw(Topics.RERATE_REQUESTS.name(), customer, "{}");
        raw(Topics.ACCEPTED_EVENTS.name(), customer, "[");
        raw(Topics.ACCEPTED_EVENTS.name(), customer, "{\"subscription_id\":\"sub-x\"}");
    }

    private static Map<String, Long> expectedSkips() {
        return Map.ofEntries(
            Map.entry(Topics.PLANS.name() + " unreadable", 2L), Map.entry(Topics.PLANS.name() + " invalid", 2L),
            Map.entry(Topics.METERS.name() + " unreadable", 1L), Map.entry(Topics.METERS.name() + " invalid", 1L),
            Map.entry(Topics.SUBSCRIPTIONS.name() + " unreadable", 1L),
            Map.entry(Topics.SUBSCRIPTIONS.name() + " invalid", 1L),
            Map.entry(Topics.COUPONS.name() + " unreadable", 1L), Map.entry(Topics.COUPONS.name() + " invalid", 1L),
            Map.entry(Topics.ADDONS.name() + " unreadable", 1L), Map.entry(Topics.ADDONS.name() + " invalid", 1L),
            Map.entry(Topics.REFUND_REQUESTS.name() + " unreadable", 1L),
            Map.entry(Topics.REFUND_REQUESTS.name() + " invalid", 1L),
            Map.entry(Topics.RERATE_REQUESTS.name() + " unreadable", 1L),
            Map.entry(Topics.RERATE_REQUESTS.name() + " invalid", 1L),
            Map.entry(Topics.ACCEPTED_EVENTS.name() + " unreadable", 1L),
            Map.entry(Topics.ACCEPTED_EVENTS.name() + " invalid", 1L));
    }

    private static boolean skippedAll(final SkippedRecords skipped) {
        final Map<String, Long> counts = skipCounts(skipped);
        return expectedSkips().entrySet().stream()
            .allMatch(expected -> counts.getOrDefault(expected.getKey(), 0L) >= expected.getValue());
    }

    private static Map<String, Long> skipCounts(final SkippedRecords skipped) {
        final Map<String, Long> counts = new java.util.TreeMap<>();
        for (final String topic : List.of(Topics.PLANS.name(), Topics.METERS.name(), Topics.SUBSCRIPTIONS.name(),
            Topics.COUPONS.name(), Topics.ADDONS.name(), Topics.REFUND_REQUESTS.name(), Topics.RERATE_REQUESTS.name(),
            Topics.ACCEPTED_EVENTS.name())) {
            for (final Reason reason : Reason.values()) {
                final long count = skipped.count(topic, reason);
                if (count > 0) {
                    counts.put(topic + " " + reason.tag(), count);
                }
            }
        }
        return counts;
    }

    private static void raw(final String topic, final String key, final String value) {
        writer.raw(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static TestHttp.Answer awaitStatus(final TestServer server, final String customer, final String event,
                                               final String status) {
        final Supplier<TestHttp.Answer> ask = () -> server.http().get("/v1/customers/" + customer + "/events/" + event,
            TestServer.ADMIN_KEY);
        return await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(ask::get, a -> a.status() == 200 && status.equals(a.json().get("status").textValue()));
    }
}
