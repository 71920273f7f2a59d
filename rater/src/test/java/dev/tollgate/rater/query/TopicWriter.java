package dev.tollgate.rater.query;

import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes catalog records and usage events straight to their topics with a plain producer, as the
 * plan API and a producer outside Tollgate would: the rater is all these tests exercise.
 */
final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.reliableProducer(
        SharedKafka.bootstrapServers(), "rater-query-test-" + UUID.randomUUID(), Duration.ofSeconds(30)));

    /** A catalog record in its topic's own value serde. */
    <V> void send(final Topic<String, V> topic, final String key, final V value) {
        write(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    /** A usage event as producers send it: JSON keyed by customer_id. */
    void usage(final String customerId, final String id, final String type, final Instant timestamp,
               final Map<String, Object> properties) {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("customer_id", customerId);
        event.put("timestamp", timestamp.toString());
        event.put("properties", properties);
        write(Topics.USAGE_EVENTS.name(), customerId, Json.write(event));
    }

    /** Any bytes, as a producer that ignores the topic's format would write them. */
    void raw(final String topic, final String key, final byte[] value) {
        write(topic, key, value);
    }

    private void write(final String topic, final String key, final byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
