package dev.tollgate.ingest;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Writes usage events to {@code tollgate.usage-events} (key: customer_id, value: the event as JSON)
 * and returns only once the broker acknowledged every one of them, or fails within the bound.
 */
@Singleton
@Requires(property = "tollgate.components.ingest", value = "true")
public class EventPublisher implements AutoCloseable {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Duration bound;
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(@Value("${tollgate.kafka.bootstrap-servers}") final String bootstrapServers,
                          @Value("${tollgate.ingest.write-timeout:PT5S}") final Duration bound) {
        this.bound = bound;
        this.producer = new KafkaProducer<>(ClientConfigs.reliableProducer(bootstrapServers, "tollgate-ingest",
            bound));
    }

    public void publish(final List<UsageEvent> events) {
        final long deadline = System.nanoTime() + bound.toNanos();
        final List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (final UsageEvent event : events) {
                acks.add(producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), event.customerId(),
                    Json.write(event))));
            }
            for (final Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException | KafkaException e) {
            throw ProblemException.unavailable("Kafka did not acknowledge the events within "
                + bound.toSeconds() + " s; nothing was answered as accepted, send them again", RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for Kafka", RETRY_AFTER);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
