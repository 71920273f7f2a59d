package dev.tollgate.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broker shared by the tests of this class: starting one takes seconds. */
class EmbeddedKafkaBrokerTest {

    private static final String COMPACTED = "test.compacted";
    private static final String EVENTS = "test.events";

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(dataDir, 0);
        broker.start();
        admin = TestClients.admin(broker);
        TopicProvisioner.ensureTopics(admin, List.of(
                new NewTopic(COMPACTED, 2, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(EVENTS, 3, (short) 1)), TestClients.TIMEOUT);
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void listensOnLoopbackAtTheChosenPort() {
        assertTrue(broker.port() > 0);
        assertEquals("127.0.0.1:" + broker.port(), broker.bootstrapServers());
    }

    @Test
    void provisionsTopicsWithTheirPartitionsAndCleanupPolicy() throws Exception {
        assertEquals(Map.of(COMPACTED, 2, EVENTS, 3), TopicProvisioner.partitionCounts(admin, List.of(COMPACTED, EVENTS, "test.absent")));
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(COMPACTED));
        assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanupPolicy(EVENTS));
    }

    @Test
    void leavesExistingTopicsAloneAndUsesTheBrokerDefaultPartitionCount() {
        TopicProvisioner.ensureTopics(admin, List.of(
                new NewTopic(EVENTS, 6, (short) 1),
                new NewTopic("test.defaults", Optional.empty(), Optional.empty())), TestClients.TIMEOUT);

        assertEquals(Map.of(EVENTS, 3, "test.defaults", 4), TopicProvisioner.partitionCounts(admin, List.of(EVENTS, "test.defaults")));
    }

    @Test
    void refusesToCreateTopicsImplicitly() throws Exception {
        try (Producer<String, String> producer = TestClients.producer(broker, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
            final Future<RecordMetadata> send = producer.send(new ProducerRecord<>("test.never-created", "k", "v"));
            assertThrows(ExecutionException.class, () -> send.get(TestClients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        assertFalse(admin.listTopics().names().get().contains("test.never-created"));
    }

    @Test
    void producesAndConsumesThroughAConsumerGroup() throws Exception {
        try (Producer<String, String> producer = TestClients.producer(broker, Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(COMPACTED, "key-" + i, "value-" + i)).get();
            }
        }
        try (Consumer<String, String> consumer = TestClients.consumer(broker, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "test-group"))) {
            consumer.subscribe(List.of(COMPACTED));
            final List<ConsumerRecord<String, String>> received = TestClients.pollUntil(consumer, records -> records.size() >= 10);
            assertEquals(10, received.size());
            assertEquals("value-7", received.stream().filter(r -> r.key().equals("key-7")).findFirst().orElseThrow().value());
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        final Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx");
        try (Producer<String, String> producer = TestClients.producer(broker, transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(EVENTS, "tx", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(EVENTS, "tx", "committed-1"));
            producer.send(new ProducerRecord<>(EVENTS, "tx", "committed-2"));
            producer.commitTransaction();
        }
        final Map<String, Object> readCommitted = Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "test-tx-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (Consumer<String, String> consumer = TestClients.consumer(broker, readCommitted)) {
            consumer.subscribe(List.of(EVENTS));
            final Set<String> values = TestClients.pollUntil(consumer, records -> records.stream()
                            .anyMatch(r -> r.value().equals("committed-2")))
                    .stream().filter(r -> r.key().equals("tx")).map(ConsumerRecord::value).collect(Collectors.toSet());
            assertEquals(Set.of("committed-1", "committed-2"), values);
        }
    }

    private static String cleanupPolicy(final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
