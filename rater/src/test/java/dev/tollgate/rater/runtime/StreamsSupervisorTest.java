package dev.tollgate.rater.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.SharedKafka;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;

/**
 * On the real broker: a stream thread that fails past the replacement limit ends the client, and then
 * the process. The limit is 0 here: each replacement waits out a rebalance, which takes most of a minute.
 */
class StreamsSupervisorTest {

    @Test
    void shouldExitWithItsStatusOnceTheClientEndsInError() throws Exception {
        final String topic = "supervisor-" + UUID.randomUUID();
        try (Admin admin = SharedKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()).withName("poison-source"))
            .foreach((key, value) -> {
                throw new IllegalStateException("fails on every record");
            }, Named.as("always-fails"));
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "supervisor-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("supervisor").toString());
        final List<Integer> exits = new CopyOnWriteArrayList<>();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
            new StringSerializer(), new StringSerializer());
             KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
            producer.send(new ProducerRecord<>(topic, "k", "poison")).get();
            new StreamsSupervisor(Clock.systemUTC(), exits::add, 0).supervise(streams);
            streams.start();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> !exits.isEmpty());
            assertEquals(KafkaStreams.State.ERROR, streams.state());
            assertEquals(List.of(StreamsSupervisor.EXIT_CODE), exits);
        }
    }
}
