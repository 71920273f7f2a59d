package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A charge with pricing_group_keys, a limit and thresholds, made over HTTP and rated on the embedded
 * broker: one group is refused at its limit while another still rates, each group alerts on its own
 * units, and the entitlement answer lists the groups or answers for the one asked about.
 */
class GroupedLimitsEndToEndTest {

    private static final String CUSTOMER = "grouped_acme";

    private final TestHttp http = SharedTollgate.http();
    private final String admin = SharedTollgate.adminKey();
    private final String ingest = SharedTollgate.ingestKey();

    @Test
    void shouldLimitAlertAndAnswerEachGroupOnItsOwn() {
        created("/v1/meters", "{\"code\":\"region_seconds\",\"event_type\":\"region_call\",\"aggregation\":\"sum\","
            + "\"field\":\"seconds\"}");
        created("/v1/plans", "{\"code\":\"regional\",\"name\":\"Regional\",\"interval\":\"monthly\","
            + "\"currency\":\"USD\",\"charges\":[{\"code\":\"per_region\",\"meter\":\"region_seconds\","
            + "\"model\":\"standard\",\"properties\":{\"amount\":\"0.01\",\"pricing_group_keys\":[\"region\"]},"
            + "\"limit\":{\"units\":\"100\"},\"thresholds\":[50,80]}]}");
        created("/v1/subscriptions", "{\"id\":\"sub_grouped\",\"customer_id\":\"" + CUSTOMER
            + "\",\"plan\":\"regional\"}");

        call("eu_1", "eu", 60);
        call("us_1", "us", 90);
        call("eu_2", "eu", 40);
        call("eu_3", "eu", 1);
        call("us_2", "us", 5);

        // eu holds 100 s, its limit, so one more second is refused; us, at 90 s, still takes 5
        final JsonNode refused = awaitStatus("eu_3", "rejected");
        assertEquals("LIMIT_EXCEEDED", refused.get("reason").asText());
        assertEquals("charge per_region (group region=eu) would reach 101 units, past its limit of 100 per group",
            refused.get("detail").asText());
        awaitStatus("us_2", "rated");

        // eu: 60 crosses 50 %, 100 crosses 80 %; us: 90 crosses 50 % and 80 % at once
        assertEquals(Set.of("eu_1 [eu] 50", "eu_2 [eu] 80", "us_1 [us] 50", "us_1 [us] 80"), awaitAlerts(4));

        final JsonNode all = entitlement("");
        assertEquals(false, all.get("allowed").booleanValue(), "eu, the most used group, is at its limit");
        // 100 s (eu) + 95 s (us)
        assertDecimal("195", all.get("usage"));
        assertDecimal("0", all.get("remaining"));
        final JsonNode charge = all.get("charges").get(0);
        assertEquals("[\"region\"]", charge.get("group_keys").toString());
        assertEquals(2, charge.get("group_count").intValue());
        assertEquals("[\"eu\"]", charge.get("groups").get(0).get("group").toString());
        assertDecimal("0", charge.get("groups").get(0).get("remaining"));
        assertEquals("[\"us\"]", charge.get("groups").get(1).get("group").toString());
        assertDecimal("5", charge.get("groups").get(1).get("remaining"));

        final JsonNode us = entitlement("?group%5Bregion%5D=us");
        assertEquals(true, us.get("allowed").booleanValue(), us.toString());
        assertDecimal("5", us.get("remaining"));
        assertEquals(1, us.get("charges").get(0).get("groups").size());
        final JsonNode fresh = entitlement("?group%5Bregion%5D=fr");
        assertEquals(true, fresh.get("allowed").booleanValue(), "a group without usage has the whole limit");
        assertDecimal("100", fresh.get("remaining"));
        assertDecimal("0", fresh.get("charges").get(0).get("groups").get(0).get("usage"));
        assertEquals(false, entitlement("?group%5Bregion%5D=eu").get("allowed").booleanValue());

        // a key no charge groups by, and the charge's own key then left out
        assertRefused("?group%5Bcountry%5D=fr", List.of("group[country]", "group[region]"));
        assertRefused("?group%5Bregion%5D=eu&region=eu", List.of("region"));
    }

    private void created(final String path, final String body) {
        final TestHttp.Answer answer = http.post(path, admin, body);
        assertEquals(201, answer.status(), path + " " + body + " -> " + answer.body());
    }

    private void call(final String id, final String region, final int seconds) {
        final TestHttp.Answer answer = http.post("/v1/events", ingest, "{\"id\":\"" + id + "\",\"type\":"
            + "\"region_call\",\"customer_id\":\"" + CUSTOMER + "\",\"properties\":{\"seconds\":" + seconds
            + ",\"region\":\"" + region + "\"}}");
        assertEquals(202, answer.status(), answer.body());
    }

    private JsonNode awaitStatus(final String event, final String status) {
        final TestHttp.Answer[] last = new TestHttp.Answer[1];
        await().atMost(60, TimeUnit.SECONDS).pollInterval(250, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            last[0] = http.get("/v1/customers/" + CUSTOMER + "/events/" + event, admin);
            assertEquals(200, last[0].status(), last[0].body());
            assertEquals(status, last[0].json().get("status").asText(), last[0].body());
        });
        return last[0].json();
    }

    private JsonNode entitlement(final String query) {
        final TestHttp.Answer answer = http.get("/v1/customers/" + CUSTOMER + "/entitlements/region_seconds"
            + query, ingest);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private void assertRefused(final String query, final List<String> parameters) {
        final TestHttp.Answer answer = http.get("/v1/customers/" + CUSTOMER + "/entitlements/region_seconds"
            + query, ingest);
        assertEquals(422, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        final List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertEquals(parameters, fields, answer.body());
    }

    /** The customer's alerts as "event [group] threshold", once {@code count} of them arrived. */
    private Set<String> awaitAlerts(final int count) {
        final Map<String, Object> config = ClientConfigs.tailingConsumer(SharedTollgate.get().bootstrapServers(),
            "grouped-alerts-reader");
        final Set<String> found = new TreeSet<>();
        final List<UsageAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE_ALERTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(60, TimeUnit.SECONDS).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final UsageAlert alert = Topics.USAGE_ALERTS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                    if (alert.customerId().equals(CUSTOMER)) {
                        alerts.add(alert);
                    }
                }
                return alerts.size() >= count;
            });
            // Nothing beyond the expected arrives late (a second alert of a group would show up here).
            final long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quietUntil) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final UsageAlert alert = Topics.USAGE_ALERTS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                    if (alert.customerId().equals(CUSTOMER)) {
                        alerts.add(alert);
                    }
                }
            }
        }
        alerts.forEach(alert -> found.add(alert.eventId() + " " + alert.group() + " "
            + alert.threshold().stripTrailingZeros().toPlainString()));
        assertEquals(count, alerts.size(), "each (group, threshold) alerts once: " + alerts);
        assertTrue(alerts.stream().allMatch(alert -> alert.kind() == UsageAlert.Kind.THRESHOLD), alerts::toString);
        return found;
    }

    private static void assertDecimal(final String expected, final JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.asText())),
            () -> expected + " != " + actual);
    }
}
