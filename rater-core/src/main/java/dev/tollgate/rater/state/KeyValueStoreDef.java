package dev.tollgate.rater.state;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A persistent key-value store of the rater: its name (part of its changelog topic's name) with the
 * serdes it is built with, so that the processor that opens it and the query that reads it get the
 * types it was declared with.
 *
 * @param cached whether writes go through the record cache, which coalesces them per key until commit
 */
public record KeyValueStoreDef<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean cached) {

    public StoreBuilder<KeyValueStore<K, V>> builder() {
        final StoreBuilder<KeyValueStore<K, V>> builder = Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), keySerde, valueSerde);
        return cached ? builder.withCachingEnabled() : builder;
    }

    /** The store as a processor connected to it sees it. */
    public KeyValueStore<K, V> in(final ProcessorContext<?, ?> context) {
        return context.getStateStore(name);
    }

    public QueryableStoreType<ReadOnlyKeyValueStore<K, V>> queryType() {
        return QueryableStoreTypes.keyValueStore();
    }
}
