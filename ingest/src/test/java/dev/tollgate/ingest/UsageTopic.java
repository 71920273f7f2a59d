package dev.tollgate.ingest;

import static org.awaitility.Awaitility.await;

import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads {@code tollgate.usage-events} from the start with a plain consumer, as any downstream reader would. */
final class UsageTopic {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private UsageTopic() {
    }

    /** Every record whose key is {@code customerId}, once {@code complete} holds for them. */
    static List<ConsumerRecord<String, byte[]>> recordsOf(
        final String bootstrapServers, final String customerId,
        final Predicate<List<ConsumerRecord<String, byte[]>>> complete) {
        final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
            ClientConfigs.tailingConsumer(bootstrapServers, "ingest-test-" + UUID.randomUUID()))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE_EVENTS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(DEADLINE).pollInterval(Duration.ZERO).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (customerId.equals(record.key())) {
                        received.add(record);
                    }
                }
                return complete.test(received);
            });
        }
        return received;
    }
}
