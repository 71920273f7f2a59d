package dev.tollgate.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** String clients for a test broker, and a deadline-bound poll. */
final class TestClients {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestClients() {
    }

    static Admin admin(final EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    static Producer<String, String> producer(final EmbeddedKafkaBroker broker, final Map<String, Object> extra) {
        final Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static Consumer<String, String> consumer(final EmbeddedKafkaBroker broker, final Map<String, Object> extra) {
        final Map<String, Object> config = new HashMap<>(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code done} holds for what was received, or fails the test at the deadline. */
    static List<ConsumerRecord<String, String>> pollUntil(
            final Consumer<String, String> consumer, final Predicate<List<ConsumerRecord<String, String>>> done) {
        final List<ConsumerRecord<String, String>> received = new ArrayList<>();
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.test(received)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Records not received within " + TIMEOUT + "; got " + received);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        return received;
    }
}
