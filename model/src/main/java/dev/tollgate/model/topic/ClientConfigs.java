package dev.tollgate.model.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client settings every component shares, so that "acknowledged" means the same everywhere.
 *
 * <p>Every client starts from the operator's {@code base} properties ({@link KafkaClientProperties}).
 * Tollgate's own settings are applied on top of them, so no base property can weaken an
 * acknowledgement, an isolation level or a bound.
 */
public final class ClientConfigs {

    private ClientConfigs() {
    }

    /**
     * A producer whose acknowledged write is on every in-sync replica and never duplicated by its own
     * retries, and that gives up within {@code bound} instead of blocking a request thread forever.
     */
    public static Map<String, Object> reliableProducer(final Map<String, ?> base, final String bootstrapServers,
                                                       final String clientId, final Duration bound) {
        final Map<String, Object> config = client(base, bootstrapServers, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, bound.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) bound.toMillis());
        // The producer insists on delivery.timeout >= linger + request.timeout.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(bound.toMillis() - 1, 30_000));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** {@link #reliableProducer(Map, String, String, Duration)} for a cluster that takes clients as they come. */
    public static Map<String, Object> reliableProducer(final String bootstrapServers, final String clientId,
                                                       final Duration bound) {
        return reliableProducer(Map.of(), bootstrapServers, clientId, bound);
    }

    /** A consumer that reads whole topics by assignment, without a group, committing nothing. */
    public static Map<String, Object> tailingConsumer(final Map<String, ?> base, final String bootstrapServers,
                                                      final String clientId) {
        final Map<String, Object> config = client(base, bootstrapServers, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** {@link #tailingConsumer(Map, String, String)} for a cluster that takes clients as they come. */
    public static Map<String, Object> tailingConsumer(final String bootstrapServers, final String clientId) {
        return tailingConsumer(Map.of(), bootstrapServers, clientId);
    }

    /** An admin client; callers add the timeouts their calls need. */
    public static Map<String, Object> admin(final Map<String, ?> base, final String bootstrapServers,
                                            final String clientId) {
        return client(base, bootstrapServers, clientId);
    }

    /**
     * The base properties with the cluster and the client's name on top; Kafka Streams, which names its
     * own clients, starts from this too.
     */
    public static Map<String, Object> client(final Map<String, ?> base, final String bootstrapServers,
                                             final String clientId) {
        final Map<String, Object> config = new HashMap<>(base);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
