package dev.tollgate.rater.state;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/** A persistent window store of the rater, declared once like {@link KeyValueStoreDef}. */
public record WindowStoreDef<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /**
     * Windows of one millisecond, no duplicates: an entry is keyed by its key and the time it was
     * written at, and whole segments expire after {@code retention}.
     */
    public StoreBuilder<WindowStore<K, V>> builder(final Duration retention) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), false),
            keySerde, valueSerde);
    }

    public WindowStore<K, V> in(final ProcessorContext<?, ?> context) {
        return context.getStateStore(name);
    }

    public QueryableStoreType<ReadOnlyWindowStore<K, V>> queryType() {
        return QueryableStoreTypes.windowStore();
    }
}
