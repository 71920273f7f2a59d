package dev.tollgate.rater.state;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The store a catalog topic is materialised in (a table or a global table). Its value serde is not
 * part of the declaration: each topology builds its own, which remembers what it decoded.
 *
 * @param valueType what the topic's records decode to
 */
public record TableStoreDef<K, V>(String name, Serde<K> keySerde, Class<V> valueType) {

    public Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized(final Serde<V> valueSerde) {
        return Materialized.<K, V, KeyValueStore<Bytes, byte[]>>as(name).withKeySerde(keySerde)
            .withValueSerde(valueSerde);
    }

    /** The store of a global table, restored from its topic, so without a changelog of its own. */
    public StoreBuilder<TimestampedKeyValueStore<K, V>> globalStore(final Serde<V> valueSerde) {
        return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(name), keySerde,
            valueSerde).withLoggingDisabled();
    }

    /** A table's store as a processor sees it: values with the timestamps of their records. */
    public TimestampedKeyValueStore<K, V> in(final ProcessorContext<?, ?> context) {
        return context.getStateStore(name);
    }

    public QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> queryType() {
        return QueryableStoreTypes.timestampedKeyValueStore();
    }
}
