package dev.tollgate.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerRestartTest {

    private static final String TOPIC = "test.plans";

    @Test
    void resumesTopicsRecordsAndClusterIdOnTheSameDirectoryAndPort(@TempDir final Path dataDir) throws Exception {
        final int port;
        final int firstControllerPort;
        final String clusterId;
        try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(dataDir, 0)) {
            first.start();
            port = first.port();
            firstControllerPort = first.controllerPort();
            try (Admin admin = TestClients.admin(first)) {
                TopicProvisioner.ensureTopics(admin, List.of(new NewTopic(TOPIC, 1, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))),
                        TestClients.TIMEOUT);
                clusterId = admin.describeCluster().clusterId().get();
            }
            try (Producer<String, String> producer = TestClients.producer(first, Map.of())) {
                producer.send(new ProducerRecord<>(TOPIC, "basic", "v1")).get();
                producer.send(new ProducerRecord<>(TOPIC, "pro", "v1")).get();
            }
            assertEquals(clusterId, first.clusterId());
        }

        // Holding the old controller port proves a restart does not depend on getting it back.
        try (ServerSocket squatter = new ServerSocket(firstControllerPort, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(dataDir, port)) {
            second.start();
            assertNotEquals(firstControllerPort, second.controllerPort());
            assertEquals(port, second.port());
            try (Admin admin = TestClients.admin(second)) {
                assertEquals(clusterId, admin.describeCluster().clusterId().get());
                assertEquals(Map.of(TOPIC, 1), TopicProvisioner.partitionCounts(admin, List.of(TOPIC)));
            }
            assertEquals(clusterId, second.clusterId());
            assertEquals(List.of("basic=v1", "pro=v1"), readAll(second));
        }
    }

    private static List<String> readAll(final EmbeddedKafkaBroker broker) {
        try (Consumer<String, String> consumer = TestClients.consumer(broker, Map.of())) {
            final TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            return TestClients.pollUntil(consumer, records -> records.size() >= 2).stream()
                    .map(r -> r.key() + "=" + r.value()).collect(Collectors.toList());
        }
    }
}
