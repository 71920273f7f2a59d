package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * On the real broker: a plan with a spend_limit created over HTTP, events sent to ingest, and the
 * event that would take the period's usage amount past the limit read back from
 * tollgate.usage-rejections as SPEND_LIMIT_EXCEEDED while the ones within it are rated.
 */
class SpendLimitEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void shouldRejectTheEventThatWouldPassThePlansSpendLimit() throws IOException {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String meter = "spend_seconds_" + suffix;
        final String plan = "capped_" + suffix;
        final String customer = "spender_" + suffix;
        final int port = PipelineScenarios.freePort();
        try (TestServer tollgate = TestServer.start(Map.of(
            "tollgate.components.plan-api", true,
            "tollgate.components.ingest", true,
            "tollgate.components.rater", true,
            "micronaut.server.port", port,
            "tollgate.rater.advertised-endpoint", "127.0.0.1:" + port))) {
            final TestHttp http = tollgate.http();
            created(http.post("/v1/meters", TestServer.ADMIN_KEY, """
                {"code": "%s", "event_type": "call_%s", "aggregation": "sum", "field": "seconds"}
                """.formatted(meter, suffix)));
            created(http.post("/v1/plans", TestServer.ADMIN_KEY, """
                {"code": "%s", "name": "Capped", "interval": "monthly", "currency": "USD", "spend_limit": "1.00",
                 "charges": [{"meter": "%s", "model": "standard", "properties": {"amount": "0.01"}}]}
                """.formatted(plan, meter)));
            created(http.post("/v1/subscriptions", TestServer.ADMIN_KEY, """
                {"id": "sub_%s", "customer_id": "%s", "plan": "%s"}""".formatted(suffix, customer, plan)));

            // A call of 0 s first: once it is rated the rater has the subscription, so no later call waits
            // for the catalog and is rated after one sent behind it.
            call(http, "e0", suffix, customer, 0);
            awaitRecords(Topics.RATED_USAGE, RatedUsage::customerId, customer, 1);
            // 0.60, then 0.50 more would be 1.10: rejected, not counted; 0.40 more reaches 1.00 exactly
            call(http, "e1", suffix, customer, 60);
            call(http, "e2", suffix, customer, 50);
            call(http, "e3", suffix, customer, 40);
            call(http, "e4", suffix, customer, 1);

            final List<UsageRejection> rejected = awaitRecords(Topics.USAGE_REJECTIONS, UsageRejection::customerId,
                customer, 2);
            assertEquals(List.of("e2", "e4"), rejected.stream().map(UsageRejection::eventId).toList());
            for (final UsageRejection rejection : rejected) {
                assertEquals(RejectionReason.SPEND_LIMIT_EXCEEDED, rejection.reason(), rejection.detail());
                assertTrue(rejection.detail().contains("past its spend limit of 1.00 USD"), rejection.detail());
            }
            final List<RatedUsage> rated = awaitRecords(Topics.RATED_USAGE, RatedUsage::customerId, customer, 3);
            assertEquals(List.of("e0", "e1", "e3"), rated.stream().map(RatedUsage::eventId).toList());
            // the period's running amount: 0.60 + 0.40, exactly the limit, over 100 s
            assertEquals(0, new BigDecimal("1.00").compareTo(rated.get(1).amount().add(rated.get(2).amount())));
            assertEquals(0, new BigDecimal("100").compareTo(rated.get(2).totalUnits()));
        }
    }

    private static void call(final TestHttp http, final String id, final String suffix, final String customer,
                             final int seconds) {
        final TestHttp.Answer sent = http.post("/v1/events", TestServer.INGEST_KEY, """
            {"id": "%s", "type": "call_%s", "customer_id": "%s", "properties": {"seconds": %d}}
            """.formatted(id, suffix, customer, seconds));
        assertEquals(202, sent.status(), sent.body());
    }

    private static void created(final TestHttp.Answer answer) {
        assertEquals(201, answer.status(), answer.body());
    }

    /** The first {@code count} records of {@code customer} on {@code topic}, in the order they were written. */
    private static <V> List<V> awaitRecords(final Topic<String, V> topic, final Function<V, String> customerOf,
                                     final String customer, final int count) {
        final List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            SharedKafka.bootstrapServers(), "spend-limit-e2e-" + UUID.randomUUID()))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(DEADLINE).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    if (customer.equals(customerOf.apply(value))) {
                        found.add(value);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }
}
