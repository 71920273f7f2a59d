package dev.tollgate.rater.catalog;

import dev.tollgate.rater.state.TableStoreDef;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Applies one global catalog topic's records to its store, as a global table would, and counts each
 * in {@link CatalogChanges}. A record that cannot be read never reaches it: the deserialization
 * handler skips it and the key keeps its value. A tombstone deletes the entry.
 */
public final class GlobalCatalogUpdater<V> implements Processor<String, V, Void, Void> {

    private final TableStoreDef<String, V> store;
    private final CatalogChanges changes;
    private TimestampedKeyValueStore<String, V> entries;

    public GlobalCatalogUpdater(final TableStoreDef<String, V> store, final CatalogChanges changes) {
        this.store = store;
        this.changes = changes;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        entries = store.in(context);
    }

    @Override
    public void process(final Record<String, V> record) {
        if (record.value() == null) {
            entries.delete(record.key());
        } else {
            entries.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        changes.globalChanged();
    }
}
