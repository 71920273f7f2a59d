package dev.tollgate.rater.refund.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestServer;
import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The refund producer micronaut-kafka builds takes the {@code kafka.*} tree, yet a tree that asks for
 * weaker settings, or for another cluster, changes none of Tollgate's bounds.
 */
class RefundRequestsTest {

    @Test
    void shouldKeepTheBoundsWhateverTheKafkaTreeSays() {
        final String customer = "refund_" + UUID.randomUUID();
        final int port = freePort();
        try (TestServer server = TestServer.start(Map.of(
            "tollgate.components.rater", true,
            "tollgate.rater.application-id", "rater-refund-client-" + UUID.randomUUID(),
            "micronaut.server.port", port,
            "tollgate.rater.advertised-endpoint", "127.0.0.1:" + port,
            "kafka.bootstrap.servers", "127.0.0.1:1",
            "kafka.producers.default.acks", "0",
            "kafka.producers.default.enable.idempotence", "false",
            "kafka.producers.default.delivery.timeout.ms", "600000",
            "kafka.producers.default.compression.type", "gzip"))) {
            final RefundRequest request = new RefundRequest("r1", "sub_" + customer, "st_1", BigDecimal.ONE,
                "goodwill", Instant.parse("2026-01-01T00:00:00Z"));
            // Idempotence refuses acks other than all when the producer is built: a write proves both held.
            server.context().getBean(RefundPublisher.class).publish(customer, request);

            assertEquals(List.of(request), requestsOf(customer));
            final Properties config = server.context().getBean(AbstractKafkaProducerConfiguration.class).getConfig();
            assertEquals("all", config.get("acks"));
            assertEquals(true, config.get("enable.idempotence"));
            assertEquals(5000, config.get("delivery.timeout.ms"));
            assertEquals(SharedKafka.bootstrapServers(), config.get("bootstrap.servers"));
            assertEquals("gzip", config.get("compression.type"), "a setting Tollgate leaves open stays the tree's");
        }
    }

    private static List<RefundRequest> requestsOf(final String customer) {
        final List<RefundRequest> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            SharedKafka.bootstrapServers(), "refund-requests-reader"))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.REFUND_REQUESTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (customer.equals(record.key())) {
                        found.add(Topics.REFUND_REQUESTS.valueSerde().deserializer()
                            .deserialize(record.topic(), record.value()));
                    }
                }
            }
        }
        return found;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
