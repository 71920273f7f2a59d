package dev.tollgate.rater.refund.api;

import dev.tollgate.http.metrics.KafkaMeters;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;

/**
 * Hands each producer micronaut-kafka creates for a {@code @KafkaClient} to {@link KafkaMeters}, like the
 * producers Tollgate creates itself. micronaut-kafka keeps such a producer until the context closes, when
 * {@link KafkaMeters} takes every client's meters off.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class KafkaClientMeters implements BeanCreatedEventListener<Producer<?, ?>> {

    private final KafkaMeters kafkaMeters;

    public KafkaClientMeters(final KafkaMeters kafkaMeters) {
        this.kafkaMeters = kafkaMeters;
    }

    @Override
    public Producer<?, ?> onCreated(final BeanCreatedEvent<Producer<?, ?>> event) {
        kafkaMeters.bind(new KafkaClientMetrics(event.getBean()));
        return event.getBean();
    }
}
