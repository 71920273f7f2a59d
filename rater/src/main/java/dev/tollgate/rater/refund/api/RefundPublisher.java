package dev.tollgate.rater.refund.api;

import dev.tollgate.http.metrics.KafkaMeters;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.KafkaClientProperties;
import dev.tollgate.model.topic.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Writes refund requests to {@code tollgate.refund-requests}, keyed by customer_id like the usage
 * events, so the default partitioner puts each on its customer's partition; returns once the broker
 * acknowledged the write, or answers 503 within the bound.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class RefundPublisher implements AutoCloseable {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final Duration bound;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaMeters.Binding meters;

    public RefundPublisher(@Value("${tollgate.kafka.bootstrap-servers}") final String bootstrapServers,
                           final KafkaClientProperties kafkaClient, final KafkaMeters kafkaMeters,
                           @Value("${tollgate.rater.refund-write-timeout:PT5S}") final Duration bound) {
        this.bound = bound;
        this.producer = new KafkaProducer<>(ClientConfigs.reliableProducer(kafkaClient.properties(),
            bootstrapServers, "tollgate-refunds", bound));
        this.meters = kafkaMeters.bind(new KafkaClientMetrics(producer));
    }

    Duration bound() {
        return bound;
    }

    public void publish(final String customerId, final RefundRequest request) {
        final byte[] value = Topics.REFUND_REQUESTS.valueSerde().serializer()
            .serialize(Topics.REFUND_REQUESTS.name(), request);
        try {
            producer.send(new ProducerRecord<>(Topics.REFUND_REQUESTS.name(), customerId, value))
                .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | KafkaException | IllegalStateException e) {
            throw ProblemException.unavailable("Kafka did not acknowledge the refund request within "
                + bound.toSeconds() + " s; send it again with the same id (it refunds once)", RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for Kafka", RETRY_AFTER);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        meters.close();
        producer.close(Duration.ofSeconds(5));
    }
}
