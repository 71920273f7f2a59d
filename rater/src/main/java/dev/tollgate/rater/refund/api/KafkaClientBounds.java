package dev.tollgate.rater.refund.api;

import dev.tollgate.http.config.KafkaConnectionProperties;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.KafkaClientProperties;
import dev.tollgate.rater.runtime.RaterProperties;
import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Puts Tollgate's producer bounds on every producer configuration micronaut-kafka builds
 * ({@code kafka.producers.default.*}, {@code kafka.producers.<id>.*}, over {@code kafka.*}), so that the
 * {@code kafka.*} tree can add settings but never weaken one: the operator's client properties
 * ({@link KafkaClientProperties}, from the TOLLGATE_KAFKA_* settings) go under the tree, and acks=all,
 * idempotence, the delivery bound, the serialisers and the cluster of {@code tollgate.kafka.bootstrap-servers}
 * go over it, as {@link ClientConfigs#reliableProducer} has them for every hand-owned producer.
 *
 * <p>The client id is left to each {@code @KafkaClient}'s {@code id}, which micronaut-kafka sets only
 * where the configuration has none: the metrics tell clients apart by it.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class KafkaClientBounds implements BeanCreatedEventListener<AbstractKafkaProducerConfiguration<?, ?>> {

    private final String bootstrapServers;
    private final KafkaClientProperties kafkaClient;
    private final Duration bound;

    public KafkaClientBounds(final KafkaConnectionProperties kafka, final KafkaClientProperties kafkaClient,
                             final RaterProperties settings) {
        this.bootstrapServers = kafka.bootstrapServers();
        this.kafkaClient = kafkaClient;
        this.bound = settings.refundWriteTimeout();
    }

    @Override
    public AbstractKafkaProducerConfiguration<?, ?> onCreated(
        final BeanCreatedEvent<AbstractKafkaProducerConfiguration<?, ?>> event) {
        final Properties config = event.getBean().getConfig();
        final Map<String, Object> tree = new HashMap<>(kafkaClient.properties());
        config.forEach((name, value) -> tree.put(name.toString(), value));
        config.putAll(ClientConfigs.reliableProducer(tree, bootstrapServers, RefundRequests.CLIENT_ID, bound));
        config.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        return event.getBean();
    }
}
