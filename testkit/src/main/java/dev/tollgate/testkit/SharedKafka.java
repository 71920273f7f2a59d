package dev.tollgate.testkit;

import dev.tollgate.broker.EmbeddedKafkaBroker;
import dev.tollgate.broker.TopicProvisioner;
import dev.tollgate.model.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One real embedded broker per test JVM, with every Tollgate topic, started on first use and
 * stopped when the JVM ends. Tests isolate themselves by unique ids and application ids rather
 * than by restarting Kafka, which would cost seconds per class.
 */
public final class SharedKafka {

    public static final int PARTITIONS = 4;
    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            final Path dir;
            try {
                dir = Files.createTempDirectory("tollgate-test-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = new EmbeddedKafkaBroker(dir, 0);
            broker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-shutdown"));
            try (Admin admin = admin()) {
                TopicProvisioner.ensureTopics(admin, Topics.newTopics(PARTITIONS, Optional.of((short) 1)),
                    Duration.ofSeconds(60));
            }
        }
        return broker.bootstrapServers();
    }

    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
}
