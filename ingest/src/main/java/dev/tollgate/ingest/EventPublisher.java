package dev.tollgate.ingest;

import dev.tollgate.http.config.KafkaConnectionProperties;
import dev.tollgate.http.kafka.KafkaTree;
import dev.tollgate.http.metrics.KafkaMeters;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes usage events to {@code tollgate.usage-events} (key: customer_id, value: the event as JSON)
 * and returns only once the broker acknowledged every one of them, or fails within the bound.
 *
 * <p>Backpressure: at most {@code tollgate.ingest.max-concurrent-writes} requests write at once and
 * any more are answered 503 at once; the producer's buffer is bounded, and {@code max.block.ms}
 * (set to the same bound) caps how long a send waits for room or for metadata. A request therefore
 * holds its thread for about the bound at most and then answers 503 with Retry-After, and a slow
 * broker cannot pile up threads.
 */
@Singleton
@Requires(property = "tollgate.components.ingest", value = "true")
public class EventPublisher implements AutoCloseable {

    private static final String CLIENT_ID = "tollgate-ingest";
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** One full batch of ~250-byte events per partition request, instead of the default 16 KiB slices. */
    private static final int BATCH_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final Duration bound;
    private final int maxConcurrentWrites;
    private final Semaphore turns;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaMeters.Binding meters;

    public EventPublisher(final KafkaConnectionProperties kafka, final KafkaTree kafkaTree,
                          final KafkaMeters kafkaMeters, final IngestProperties settings) {
        this.bound = settings.writeTimeout();
        this.maxConcurrentWrites = settings.maxConcurrentWrites();
        this.turns = new Semaphore(maxConcurrentWrites);
        final Map<String, Object> config = ClientConfigs.reliableProducer(kafkaTree.producer(CLIENT_ID),
            kafka.bootstrapServers(), CLIENT_ID, bound);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(config);
        this.meters = kafkaMeters.bind(new KafkaClientMetrics(producer));
    }

    /**
     * Hands every event to the producer, then waits once, up to the bound, for all acknowledgements.
     * A 503 does not promise that nothing was written: the producer resends the same ids and the
     * rater counts each (customer_id, id) once.
     */
    public void publish(final List<UsageEvent> events) {
        if (!turns.tryAcquire()) {
            LOG.warn("Refused {} event(s): {} requests are already writing", events.size(), maxConcurrentWrites);
            throw ProblemException.unavailable("ingest is writing as many requests as it takes at once; "
                + "send these events again shortly, with the same ids", RETRY_AFTER);
        }
        try {
            send(events, System.nanoTime() + bound.toNanos());
        } finally {
            turns.release();
        }
    }

    private void send(final List<UsageEvent> events, final long deadline) {
        final BatchAck ack = new BatchAck(events.size());
        try {
            for (final UsageEvent event : events) {
                // send() reports a metadata timeout through the callback rather than by throwing, after
                // blocking up to max.block.ms: without this check a batch would block once per record.
                if (ack.done().isDone() || System.nanoTime() - deadline >= 0) {
                    break;
                }
                producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), event.customerId(),
                    Json.write(event)), ack);
            }
            ack.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | KafkaException | IllegalStateException e) {
            // IllegalStateException: the producer was closed under a request while the server shuts down.
            LOG.warn("Kafka did not acknowledge {} event(s) within {}: {}", events.size(), bound, causeOf(e));
            throw ProblemException.unavailable("Kafka did not acknowledge the events within "
                + bound.toSeconds() + " s; send them again with the same ids (an event written twice is "
                + "counted once)", RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for Kafka", RETRY_AFTER);
        }
    }

    private static String causeOf(final Exception e) {
        final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @PreDestroy
    @Override
    public void close() {
        meters.close();
        producer.close(Duration.ofSeconds(5));
    }
}
