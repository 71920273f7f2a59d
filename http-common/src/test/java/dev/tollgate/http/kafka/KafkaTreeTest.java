package dev.tollgate.http.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.KafkaClientProperties;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code kafka.*} tree reaches the clients Tollgate creates itself, over the operator's client
 * properties and under Tollgate's own settings.
 */
class KafkaTreeTest {

    private static final Map<String, Object> TREE = Map.of(
        "kafka.bootstrap.servers", "elsewhere:9092",
        "kafka.sasl.mechanism", "SCRAM-SHA-512",
        "kafka.health.enabled", "false",
        "kafka.producers.default.acks", "0",
        "kafka.producers.default.enable.idempotence", "false",
        "kafka.producers.default.compression.type", "zstd",
        "kafka.producers.tollgate-ingest.linger.ms", "50",
        "kafka.consumers.default.isolation.level", "read_uncommitted",
        "kafka.consumers.default.enable.auto.commit", "true",
        "kafka.consumers.tollgate-plan-api-catalog.fetch.max.bytes", "1234");

    @Test
    void shouldAddTheTreesSettingsButNeverWeakenTollgates() {
        try (ApplicationContext context = ApplicationContext.builder().properties(TREE)
            .singletons(new KafkaClientProperties(Map.of("sasl.mechanism", "PLAIN", "security.protocol", "SASL_SSL")))
            .start()) {
            final KafkaTree tree = context.getBean(KafkaTree.class);

            final Map<String, Object> producer = ClientConfigs.reliableProducer(tree.producer("tollgate-ingest"),
                "cluster:9092", "tollgate-ingest", Duration.ofSeconds(5));
            assertEquals("all", producer.get("acks"));
            assertEquals(true, producer.get("enable.idempotence"));
            assertEquals(5000, producer.get("delivery.timeout.ms"));
            assertEquals(1, producer.get("linger.ms"));
            assertEquals("cluster:9092", producer.get("bootstrap.servers"));
            assertEquals("zstd", producer.get("compression.type"));
            assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"), "the tree over the operator's properties");
            assertEquals("SASL_SSL", producer.get("security.protocol"));
            assertFalse(producer.containsKey("health.enabled"));

            final Map<String, Object> consumer = ClientConfigs.tailingConsumer(
                tree.consumer("tollgate-plan-api-catalog"), "cluster:9092", "tollgate-plan-api-catalog");
            assertEquals("read_committed", consumer.get("isolation.level"));
            assertEquals(false, consumer.get("enable.auto.commit"));
            assertEquals("1234", consumer.get("fetch.max.bytes"));
            assertFalse(consumer.containsKey("compression.type"), "producer settings stay with producers");

            assertEquals("SCRAM-SHA-512", tree.common().get("sasl.mechanism"));
            assertFalse(tree.common().containsKey("acks"));
        }
    }
}
