package dev.tollgate.bench;

import dev.tollgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes catalog records to their compacted topics. Sends are not awaited one by one (that took minutes for
 * many customers); {@link #close()} waits for them all and fails if any failed.
 */
final class CatalogWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    CatalogWriter(final String bootstrapServers) {
        this.producer = BenchProducers.bulk(bootstrapServers, 1);
    }

    <V> void put(final Topic<String, V> topic, final String key, final V value) {
        sent.add(producer.send(new ProducerRecord<>(topic.name(), key,
            topic.valueSerde().serializer().serialize(topic.name(), value))));
    }

    @Override
    public void close() throws InterruptedException, ExecutionException {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        for (final Future<RecordMetadata> each : sent) {
            each.get();
        }
    }
}
