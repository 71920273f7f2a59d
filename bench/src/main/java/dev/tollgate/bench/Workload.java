package dev.tollgate.bench;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The benchmark's input: one meter, one plan with a standard charge, one subscription per customer,
 * and voice-call events of about 250 bytes, spread round-robin over the customers and written with
 * the Java client's partitioner (so none takes the repartition hop).
 */
final class Workload {

    static final String EVENT_TYPE = "call_ended";

    private final int events;
    private final int customers;
    private final String bootstrapServers;

    Workload(final int events, final int customers, final String bootstrapServers) {
        this.events = events;
        this.customers = customers;
        this.bootstrapServers = bootstrapServers;
    }

    int events() {
        return events;
    }

    static String customer(final int i) {
        return String.format("cust-%06d", i);
    }

    /**
     * Writes the catalog. Sends are not awaited one by one (that took minutes for many customers);
     * one request in flight keeps a batch retried on a freshly created partition from being
     * overtaken by the next one, which the broker then refuses as out of sequence.
     */
    void writeCatalog() throws InterruptedException, ExecutionException {
        final Instant started = Instant.now().minus(40, ChronoUnit.DAYS);
        final List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(1)) {
            sent.add(send(producer, Topics.METERS, "voice_seconds", new Meter("voice_seconds", "Voice seconds",
                EVENT_TYPE, "sum", "seconds", Map.of())));
            sent.add(send(producer, Topics.PLANS, "voice", new Plan("voice", Plan.PlanStatus.ACTIVE,
                List.of(new PlanVersion(1, Instant.EPOCH, "Voice", null, "monthly", "USD", new BigDecimal("10"), 0,
                    List.of(new Charge("seconds", "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(),
                        null, List.of())))))));
            for (int i = 0; i < customers; i++) {
                final String customer = customer(i);
                sent.add(send(producer, Topics.SUBSCRIPTIONS, customer, new CustomerSubscriptions(customer, List.of(
                    new Subscription("sub-" + customer, customer, "voice", null, started, null, "calendar")))));
            }
            producer.flush();
        }
        for (final Future<RecordMetadata> each : sent) {
            each.get();
        }
    }

    private static <V> Future<RecordMetadata> send(final KafkaProducer<String, byte[]> producer,
                                                   final Topic<String, V> topic, final String key, final V value) {
        return producer.send(new ProducerRecord<>(topic.name(), key,
            topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    /** Writes every event and returns their total size in bytes. */
    long writeEvents() {
        final String timestamp = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = producer(5)) {
            for (int i = 0; i < events; i++) {
                final String customer = customer(i % customers);
                final byte[] value = String.format("{\"id\":\"evt-%012d\",\"type\":\"%s\",\"customer_id\":\"%s\","
                        + "\"timestamp\":\"%s\",\"properties\":{\"seconds\":%d,\"direction\":\"inbound\","
                        + "\"switch\":\"sw-eu-west-1a\",\"trunk\":\"trunk-%04d\",\"caller\":\"+62812%07d\"}}",
                    i, EVENT_TYPE, customer, timestamp, 1 + i % 600, i % 64, i % 10_000_000)
                    .getBytes(StandardCharsets.UTF_8);
                bytes += value.length;
                producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), customer, value));
            }
            producer.flush();
        }
        return bytes;
    }

    private KafkaProducer<String, byte[]> producer(final int maxInFlight) {
        final Map<String, Object> config = new java.util.HashMap<>(ClientConfigs.reliableProducer(bootstrapServers,
            "bench-producer", Duration.ofSeconds(60)));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlight);
        return new KafkaProducer<>(config);
    }
}
