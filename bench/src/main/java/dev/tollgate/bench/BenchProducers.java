package dev.tollgate.bench;

import dev.tollgate.model.topic.ClientConfigs;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The benchmark's producers: bulk loading of the input, and a live producer configured as ingest's. */
final class BenchProducers {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int BATCH_BYTES = 256 * 1024;

    private BenchProducers() {
    }

    /**
     * Large batches for loading input before a timed drain.
     *
     * @param maxInFlight 1 where records must land in order on freshly created partitions (the catalog): a retried
     *                    batch overtaken by the next one is refused as out of sequence there
     */
    static KafkaProducer<String, byte[]> bulk(final String bootstrapServers, final int maxInFlight) {
        final Map<String, Object> config = ClientConfigs.reliableProducer(bootstrapServers, "bench-loader", BOUND);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlight);
        return new KafkaProducer<>(config);
    }

    /** The settings ingest's EventPublisher writes with, so that a timed record takes the path a real one does. */
    static KafkaProducer<String, byte[]> live(final String bootstrapServers) {
        final Map<String, Object> config = ClientConfigs.reliableProducer(bootstrapServers, "bench-live", BOUND);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config);
    }
}
