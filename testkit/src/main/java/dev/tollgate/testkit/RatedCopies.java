package dev.tollgate.testkit;

import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** What exactly-once looks like from outside: the rated records of each event on the topic. */
public final class RatedCopies {

    private RatedCopies() {
    }

    /**
     * Rated records per event id on {@code tollgate.rated-usage}, read from the beginning to the end
     * offsets of now as a read_committed consumer sees them: an aborted transaction's records are not there.
     */
    public static Map<String, Integer> byEventId(final String bootstrap) {
        final Map<String, Integer> copies = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(bootstrap,
            "rated-copies-reader"))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RATED_USAGE.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    final RatedUsage rated = Topics.RATED_USAGE.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                    copies.merge(rated.eventId(), 1, Integer::sum);
                }
            }
        }
        return copies;
    }
}
