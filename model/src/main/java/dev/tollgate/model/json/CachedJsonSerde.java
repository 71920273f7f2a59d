package dev.tollgate.model.json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link JsonSerde} for values that are read far more often than they change (catalog entries in a
 * state store, read on every event): the deserializer remembers decoded values by their exact bytes.
 * A changed entry has other bytes, so a remembered value can never be stale; the bytes are still
 * read from the store every time, only the parse is skipped. Decoded values are shared between
 * readers and threads, so this is only for immutable types (records of immutable lists and maps that
 * nobody mutates).
 *
 * <p>The memory is bounded: at most {@code maxEntries} values, least recently used evicted first.
 */
public final class CachedJsonSerde<T> implements Serde<T> {

    private final JsonSerde<T> json;
    private final Map<StoredBytes, T> decoded;

    public CachedJsonSerde(final Class<T> type, final int maxEntries) {
        this.json = new JsonSerde<>(type);
        this.decoded = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<StoredBytes, T> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Serializer<T> serializer() {
        return json.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        final Deserializer<T> parser = json.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            final StoredBytes key = new StoredBytes(bytes);
            synchronized (decoded) {
                final T known = decoded.get(key);
                if (known != null) {
                    return known;
                }
            }
            final T value = parser.deserialize(topic, bytes);
            synchronized (decoded) {
                // The caller may reuse its array; the key keeps a copy of its own.
                decoded.put(new StoredBytes(bytes.clone(), key.hash), value);
            }
            return value;
        };
    }

    /** Stored bytes as a map key; the hash is computed once, equality compares every byte. */
    private static final class StoredBytes {

        private final byte[] bytes;
        private final int hash;

        StoredBytes(final byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        StoredBytes(final byte[] bytes, final int hash) {
            this.bytes = bytes;
            this.hash = hash;
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof StoredBytes that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
