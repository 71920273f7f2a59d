package dev.tollgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency at a fixed offered load. A producer configured as ingest's writes events to
 * tollgate.usage-events at a steady rate, and a read_committed consumer of tollgate.rated-usage matches each rated
 * record to its event by id. An event's latency runs from the moment it was due to be sent to the moment its
 * rated record reached the consumer: measured from the schedule, not from the actual send, so that a send held
 * up on this side counts against the latency instead of hiding it.
 */
final class LatencyProbe {

    /**
     * @param offeredEps the rate the producer was paced to
     * @param sent events written; {@code rated} of them were matched to a rated record in time
     */
    record Result(double offeredEps, long sent, long rated, LatencySummary latency) {
    }

    private static final String ID_PREFIX = "latency-";
    private static final Duration TAIL = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final JsonFactory JSON = new JsonFactory();

    private final String bootstrapServers;
    private final int customers;

    LatencyProbe(final String bootstrapServers, final int customers) {
        this.bootstrapServers = bootstrapServers;
        this.customers = customers;
    }

    Result measure(final double rate, final Duration duration, final Progress progress)
        throws InterruptedException, ExecutionException {
        final int capacity = (int) Math.ceil(rate * duration.toNanos() / 1e9);
        final AtomicLongArray dueAt = new AtomicLongArray(capacity);
        final long[] latencies = new long[capacity];
        Arrays.fill(latencies, -1);
        final AtomicInteger rated = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable,
            "bench-latency-reader"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            bootstrapServers, "bench-latency-reader"))) {
            startAtEnd(consumer);
            final Future<?> reading = reader.submit(() -> read(consumer, dueAt, latencies, rated, stop));
            progress.phase(String.format("latency at %,.0f/s", rate), "rated", rated::get);
            final int sent = send(rate, duration, dueAt);
            final long tailEnds = System.nanoTime() + TAIL.toNanos();
            while (rated.get() < sent && System.nanoTime() < tailEnds && !reading.isDone()) {
                Thread.sleep(POLL.toMillis());
            }
            stop.set(true);
            reading.get();
            return new Result(rate, sent, rated.get(),
                LatencySummary.ofNanos(Arrays.stream(latencies, 0, sent).filter(l -> l >= 0).toArray()));
        } finally {
            reader.shutdownNow();
        }
    }

    /** Assigns every partition and settles the position at today's end, before the first event is sent. */
    private static void startAtEnd(final KafkaConsumer<String, byte[]> consumer) {
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RATED_USAGE.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    private int send(final double rate, final Duration duration, final AtomicLongArray dueAt) {
        final String timestamp = Instant.now().toString();
        final double interval = 1e9 / rate;
        final long start = System.nanoTime();
        int i = 0;
        try (KafkaProducer<String, byte[]> producer = BenchProducers.live(bootstrapServers)) {
            for (; i < dueAt.length(); i++) {
                final long due = start + (long) (i * interval);
                final long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                dueAt.set(i, due);
                final String customer = Workload.customer(i % customers);
                producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), customer,
                    CallEvents.bytes(ID_PREFIX + i, customer, timestamp, i, CallEvents.trunk(i % 64))));
            }
            producer.flush();
        }
        return i;
    }

    private static Void read(final KafkaConsumer<String, byte[]> consumer, final AtomicLongArray dueAt,
                             final long[] latencies, final AtomicInteger rated, final AtomicBoolean stop) {
        while (!stop.get()) {
            for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                final long arrived = System.nanoTime();
                final int index = probeIndex(record.value());
                if (index >= 0 && index < latencies.length && latencies[index] < 0) {
                    latencies[index] = arrived - dueAt.get(index);
                    rated.incrementAndGet();
                }
            }
        }
        return null;
    }

    /** The probe's number from the record's event_id, or -1 for a record of another event. */
    private static int probeIndex(final byte[] ratedUsage) {
        try (JsonParser parser = JSON.createParser(ratedUsage)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (parser.currentName().equals("event_id")) {
                    final String id = parser.nextTextValue();
                    return id != null && id.startsWith(ID_PREFIX) ? Integer.parseInt(id.substring(ID_PREFIX.length()))
                        : -1;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
