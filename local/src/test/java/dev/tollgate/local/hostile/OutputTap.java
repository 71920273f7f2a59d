package dev.tollgate.local.hostile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the rater made of the usage records, as a read_committed consumer of
 * {@code tollgate.rated-usage} and {@code tollgate.usage-rejections} sees it. Counts one outcome per
 * event: each rejection, and each distinct (customer_id, event_id) rated (one event may price
 * several charges).
 */
final class OutputTap implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Set<String> rated = new HashSet<>();
    private final Map<String, Integer> rejections = new TreeMap<>();
    private final Map<String, Integer> allRejections = new TreeMap<>();
    private final List<String> unreadable = new ArrayList<>();

    OutputTap(final String bootstrap) {
        consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(bootstrap, "hostile-output-tap"));
        for (final String topic : List.of(Topics.RATED_USAGE.name(), Topics.USAGE_REJECTIONS.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Forgets what was counted so far: the next outcomes belong to the next phase. */
    void mark() {
        drain();
        rated.clear();
        rejections.clear();
    }

    /** Waits for exactly {@code expected} outcomes since the last mark; none may arrive beyond them. */
    void awaitOutcomes(final long expected, final String phase) {
        try {
            await().atMost(120, TimeUnit.SECONDS).pollInterval(250, TimeUnit.MILLISECONDS).until(() -> {
                drain();
                return outcomes() >= expected;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(phase + ": " + outcomes() + " outcomes (rated events + rejections) of " + expected
                + " usage records within 120 s; rejections " + rejections, e);
        }
        // Nothing beyond the expected arrives late: a record rated twice or rejected after rating shows here.
        final long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < quietUntil) {
            poll();
        }
        assertEquals(expected, outcomes(), phase + ": outcomes (rated events + rejections) for " + expected
            + " usage records; rejections " + rejections);
    }

    long outcomes() {
        return rated.size() + rejections.values().stream().mapToLong(Integer::longValue).sum();
    }

    int ratedEvents() {
        return rated.size();
    }

    /** Rejections by reason since the last mark. */
    Map<String, Integer> rejectionsByReason() {
        return new TreeMap<>(rejections);
    }

    /** Rejections by reason over the whole run. */
    Map<String, Integer> allRejectionsByReason() {
        return new TreeMap<>(allRejections);
    }

    /** Output records that are not JSON: the rater wrote something its consumers cannot read. */
    List<String> unreadable() {
        return unreadable;
    }

    private void drain() {
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            poll();
        }
    }

    private void poll() {
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            final JsonNode value;
            try {
                value = record.value() == null ? null : Json.mapper().readTree(record.value());
            } catch (IOException e) {
                unreadable.add(record.topic() + "@" + record.partition() + ":" + record.offset() + " " + e.getMessage());
                continue;
            }
            if (value == null || !value.isObject()) {
                unreadable.add(record.topic() + "@" + record.partition() + ":" + record.offset() + " not an object");
            } else if (record.topic().equals(Topics.RATED_USAGE.name())) {
                rated.add(value.path("customer_id").asText() + '\u0000' + value.path("event_id").asText());
            } else {
                final String reason = value.path("reason").asText("(none)");
                rejections.merge(reason, 1, Integer::sum);
                allRejections.merge(reason, 1, Integer::sum);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
