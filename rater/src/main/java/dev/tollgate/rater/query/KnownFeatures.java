package dev.tollgate.rater.query;

import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The feature names any version of any plan declares, so that a feature the customer's plan leaves
 * out answers "off" while a name no plan knows answers 404. Read from the global {@code plans} store
 * and kept for at most a second: a feature first declared within that second is answered for the
 * plans that declare it at once and for the others a moment later.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class KnownFeatures {

    private static final Duration KEPT_FOR = Duration.ofSeconds(1);

    private final RaterStores stores;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Instant.MIN);

    private record Snapshot(Set<String> names, Instant readAt) {
    }

    public KnownFeatures(final RaterStores stores, final Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    boolean contains(final String feature) {
        final Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current.readAt().plus(KEPT_FOR).isBefore(now)) {
            current = new Snapshot(read(), now);
            snapshot = current;
        }
        return current.names().contains(feature);
    }

    private Set<String> read() {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Plan>> plans =
            stores.store(StateStores.PLANS.name(), StateStores.PLANS.queryType());
        final Set<String> names = new HashSet<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Plan>> all = plans.all()) {
            while (all.hasNext()) {
                final KeyValue<String, ValueAndTimestamp<Plan>> entry = all.next();
                final Plan plan = ValueAndTimestamp.getValueOrNull(entry.value);
                if (plan != null) {
                    for (final PlanVersion version : plan.versions()) {
                        names.addAll(version.features().keySet());
                    }
                }
            }
        }
        return Set.copyOf(names);
    }
}
