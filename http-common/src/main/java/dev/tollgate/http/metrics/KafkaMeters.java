package dev.tollgate.http.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Puts the metrics of every Kafka client the process owns on {@code GET /prometheus}: a client's owner
 * hands over its {@link KafkaClientMetrics} or {@link KafkaStreamsMetrics} when it creates the client
 * and closes the returned {@link Binding} when it closes the client, which takes the client's meters
 * off the registry.
 *
 * <p>Clients are handed over here rather than bound by their owners because their owners start before
 * the registry exists, and the registry, once created, asks every {@link MeterBinder} (the owners'
 * metrics among them) for meters: an owner that waited for the registry would wait for itself. Clients
 * handed over before the registry are bound when it arrives.
 *
 * <p>Meters carry the client's own tags ({@code client_id}; {@code thread_id}, {@code topic},
 * {@code partition} where Kafka has them) and no others: Prometheus requires every meter of a name to
 * have the same tag names, and the consumers inside Kafka Streams share their meter names with the
 * plan API's consumer. Micrometer looks for new and vanished Kafka metrics once a minute, so a newly
 * assigned partition or a replaced stream thread shows within a minute.
 */
@Singleton
public class KafkaMeters implements MeterBinder {

    private final Set<Client> clients = new LinkedHashSet<>();
    private MeterRegistry registry;

    /** Takes the client's meters off the registry. */
    public interface Binding extends AutoCloseable {

        @Override
        void close();
    }

    /** One client's metrics, and how to take them off the registry again. */
    private record Client(MeterBinder metrics, Runnable close) {
    }

    @Override
    public synchronized void bindTo(final MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        clients.forEach(client -> client.metrics().bindTo(meterRegistry));
    }

    public Binding bind(final KafkaClientMetrics metrics) {
        return bind(new Client(metrics, metrics::close));
    }

    public Binding bind(final KafkaStreamsMetrics metrics) {
        return bind(new Client(metrics, metrics::close));
    }

    private synchronized Binding bind(final Client client) {
        clients.add(client);
        if (registry != null) {
            client.metrics().bindTo(registry);
        }
        return () -> release(client);
    }

    private synchronized void release(final Client client) {
        if (clients.remove(client)) {
            client.close().run();
        }
    }

    @PreDestroy
    synchronized void close() {
        clients.forEach(client -> client.close().run());
        clients.clear();
    }
}
