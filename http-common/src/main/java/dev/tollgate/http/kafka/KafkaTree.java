package dev.tollgate.http.kafka;

import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.KafkaClientProperties;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The base properties of the clients Tollgate creates itself: the operator's client properties
 * ({@link KafkaClientProperties}, from the TOLLGATE_KAFKA_* settings), then Micronaut's {@code kafka.*}
 * tree over them as micronaut-kafka reads it: {@code kafka.<property>} for every client, then
 * {@code kafka.producers.default.*} and {@code kafka.producers.<client id>.*} for a producer, the same
 * under {@code kafka.consumers} for a consumer. {@link ClientConfigs} puts Tollgate's own settings over
 * the result, so the tree adds settings but weakens none.
 *
 * <p>Only names Kafka knows for the kind of client are taken: the tree also holds micronaut-kafka's own
 * settings ({@code kafka.health.enabled}), which a Kafka client would log as unknown.
 */
@Singleton
public class KafkaTree {

    private final Environment environment;
    private final KafkaClientProperties kafkaClient;

    public KafkaTree(final Environment environment, final KafkaClientProperties kafkaClient) {
        this.environment = environment;
        this.kafkaClient = kafkaClient;
    }

    public Map<String, Object> producer(final String clientId) {
        return base(ProducerConfig.configNames(), "kafka.producers", clientId);
    }

    public Map<String, Object> consumer(final String clientId) {
        return base(ConsumerConfig.configNames(), "kafka.consumers", clientId);
    }

    /** For Kafka Streams and admin clients: {@code kafka.<property>} only. */
    public Map<String, Object> common() {
        final Map<String, Object> base = new HashMap<>(kafkaClient.properties());
        base.putAll(known(AdminClientConfig.configNames(), "kafka"));
        return base;
    }

    private Map<String, Object> base(final Set<String> names, final String subtree, final String clientId) {
        final Map<String, Object> base = new HashMap<>(kafkaClient.properties());
        base.putAll(known(names, "kafka"));
        base.putAll(known(names, subtree + ".default"));
        base.putAll(known(names, subtree + "." + clientId));
        return base;
    }

    private Map<String, Object> known(final Set<String> names, final String prefix) {
        final Map<String, Object> found = new HashMap<>();
        environment.getProperties(prefix, StringConvention.RAW).forEach((name, value) -> {
            if (names.contains(name) && value != null) {
                found.put(name, value.toString());
            }
        });
        return found;
    }
}
