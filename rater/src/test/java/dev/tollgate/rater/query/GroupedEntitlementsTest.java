package dev.tollgate.rater.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A grouped charge with a limit on a real broker, answered by the rater that owns the customer: the group at
 * its limit is refused and named, each group alerts on its own units, and the entitlement answer lists at most
 * 100 groups, the most used first, or the one group asked for.
 */
class GroupedEntitlementsTest {

    /** More groups than the answer lists. */
    private static final int GROUPS = 120;

    @Test
    void shouldAnswerEachGroupOfALimitedChargeOnItsOwn() {
        final String unique = UUID.randomUUID().toString().substring(0, 8);
        final String meter = "seconds-" + unique;
        final String type = "call_" + unique;
        final String customer = "acme-" + unique;
        try (TopicWriter writer = new TopicWriter(); TestServer rater = RaterInstances.start("rater-groups-" + unique)) {
            writer.send(Topics.METERS, meter, new Meter(meter, "Seconds", type, "sum", "seconds", Map.of()));
            final Charge charge = new Charge("per_region", meter, "standard", Map.of("amount", "0.01",
                "pricing_group_keys", List.of("region")), Map.of(), new ChargeLimit(new BigDecimal("100"), true),
                List.of(new BigDecimal("80")));
            writer.send(Topics.PLANS, "plan-" + unique, new Plan("plan-" + unique, Plan.PlanStatus.ACTIVE,
                List.of(new PlanVersion(1, Instant.EPOCH, "Regional", null, "monthly", "USD", BigDecimal.ZERO, 0,
                    List.of(charge), null, null, null, null, null, null, 0, null, false, null, null, null, null,
                    null, Instant.now()))));
            writer.send(Topics.SUBSCRIPTIONS, customer, new CustomerSubscriptions(customer, List.of(new Subscription(
                "sub-" + unique, customer, "plan-" + unique, null, Instant.parse("2026-01-01T00:00:00Z"), null,
                "calendar"))));
            final Instant now = Instant.now();
            for (int i = 0; i < GROUPS; i++) {
                writer.usage(customer, "r" + i, type, now, Map.of("seconds", 1 + i % 90, "region", region(i)));
            }
            writer.usage(customer, "eu-1", type, now, Map.of("seconds", 100, "region", "eu"));
            writer.usage(customer, "eu-2", type, now, Map.of("seconds", 1, "region", "eu"));
            final TestHttp http = rater.http();

            final JsonNode refused = awaitStatus(http, customer, "eu-2", "rejected");
            assertEquals("LIMIT_EXCEEDED", refused.get("reason").asText());
            assertTrue(refused.get("detail").asText().contains("(group region=eu)"), refused.toString());
            for (int i = 0; i < GROUPS; i++) {
                awaitStatus(http, customer, "r" + i, "rated");
            }

            final JsonNode all = entitlement(http, customer, meter, "");
            assertEquals(false, all.get("allowed").booleanValue(), "eu is at its limit");
            final JsonNode grouped = all.get("charges").get(0);
            assertEquals(GROUPS + 1, grouped.get("group_count").intValue());
            assertEquals(100, grouped.get("groups").size(), "at most 100 groups are listed");
            assertEquals("[\"eu\"]", grouped.get("groups").get(0).get("group").toString(), "the most used first");
            assertDecimal("0", grouped.get("groups").get(0).get("remaining"));
            // then the groups of 90 s (i % 90 = 89), fewest remaining next
            assertDecimal("90", grouped.get("groups").get(1).get("usage"));
            assertDecimal("10", grouped.get("groups").get(1).get("remaining"));

            final JsonNode first = entitlement(http, customer, meter, "?group%5Bregion%5D=" + region(0));
            assertEquals(true, first.get("allowed").booleanValue(), first.toString());
            // r0 called 1 s of its 100
            assertDecimal("99", first.get("remaining"));
            assertEquals(1, first.get("charges").get(0).get("groups").size());

            // 80 % of 100: eu at 100, and the 11 groups of 80 to 90 s (i % 90 from 79 to 89)
            final List<UsageAlert> alerts = alerts(customer, 12);
            assertTrue(alerts.stream().anyMatch(alert -> List.of("eu").equals(alert.group())), alerts::toString);
            assertEquals(12, alerts.stream().map(UsageAlert::group).distinct().count(), "once per group");
        }
    }

    private static String region(final int i) {
        return String.format(Locale.ROOT, "r%03d", i);
    }

    private static JsonNode awaitStatus(final TestHttp http, final String customer, final String event,
                                        final String status) {
        final TestHttp.Answer[] last = new TestHttp.Answer[1];
        await().atMost(RaterInstances.DEADLINE).untilAsserted(() -> {
            last[0] = http.get("/v1/customers/" + customer + "/events/" + event, TestServer.INGEST_KEY);
            assertEquals(200, last[0].status(), last[0].body());
            assertEquals(status, last[0].json().get("status").asText(), last[0].body());
        });
        return last[0].json();
    }

    private static JsonNode entitlement(final TestHttp http, final String customer, final String meter,
                                        final String query) {
        final TestHttp.Answer answer = http.get("/v1/customers/" + customer + "/entitlements/" + meter + query,
            TestServer.INGEST_KEY);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static List<UsageAlert> alerts(final String customer, final int count) {
        final List<UsageAlert> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            SharedKafka.bootstrapServers(), "grouped-alerts-" + UUID.randomUUID()))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE_ALERTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long until = System.nanoTime() + RaterInstances.DEADLINE.toNanos();
            // Past the expected count, a little longer: a second alert of a group would show up here.
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(until, quietUntil)) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final UsageAlert alert = Topics.USAGE_ALERTS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                    if (alert.customerId().equals(customer)) {
                        found.add(alert);
                    }
                }
                if (found.size() >= count && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        assertEquals(count, found.size(), found::toString);
        return found;
    }

    private static void assertDecimal(final String expected, final JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.asText())),
            () -> expected + " != " + actual);
    }
}
