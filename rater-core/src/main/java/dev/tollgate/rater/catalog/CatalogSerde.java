package dev.tollgate.rater.catalog;

import dev.tollgate.model.catalog.CatalogRecordRules;
import dev.tollgate.model.json.JsonSerde;
import dev.tollgate.model.topic.SkippedRecords;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of a catalog table and its store: the topic's JSON, checked against
 * {@link CatalogRecordRules}, remembering what it decoded since every event reads these stores. A
 * changed entry has other bytes, so a remembered value is never stale. Decoded values are shared
 * between threads, so this is only for immutable records.
 *
 * <p>It reads two kinds of bytes, and treats a value it cannot take differently in each:
 * <ul>
 *   <li>A record arriving from the topic (Kafka Streams' source nodes pass the record's headers): it
 *   throws {@link SerializationException}, so the deserialization handler skips the record with its
 *   offset and the table keeps what it held for the key.</li>
 *   <li>A value read back from the store (stores pass no headers): Kafka Streams restores a table from
 *   its source topic byte for byte, without the handler, so a record skipped on arrival can be in the
 *   store after a restore. It reads as absent, and is counted and logged once per distinct value.</li>
 * </ul>
 * The memory is bounded: at most {@code maxEntries} values, least recently used evicted first.
 */
public final class CatalogSerde<T> implements Serde<T> {

    /** What a remembered value that breaks the rules reads as. */
    private static final Object REFUSED = new Object();

    private final JsonSerde<T> json;
    private final SkippedRecords skipped;
    private final Map<StoredBytes, Object> decoded;
    private final Deserializer<T> deserializer = new Checked();

    /** Decoded plans, meters, add-ons and coupons kept per store: a catalog has far fewer. */
    public static final int CATALOG_ENTRIES = 4_096;
    /** Decoded subscription lists kept: one per customer read lately, about 1 KiB each. */
    public static final int SUBSCRIPTION_ENTRIES = 32_768;

    /**
     * @param maxEntries decoded values kept; one serde per topology built, so that the memory goes with it
     * @param skipped where values it cannot take are counted
     */
    public CatalogSerde(final Class<T> type, final int maxEntries, final SkippedRecords skipped) {
        this.json = new JsonSerde<>(type);
        this.skipped = skipped;
        this.decoded = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<StoredBytes, Object> eldest) {
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
        return deserializer;
    }

    private final class Checked implements Deserializer<T> {

        /** A record from the topic: refuse what cannot be applied, for the handler to skip. */
        @Override
        public T deserialize(final String topic, final Headers headers, final byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            final StoredBytes key = new StoredBytes(bytes);
            final Object known = remembered(key);
            if (known == REFUSED) {
                throw new SerializationException("a " + topic + " value this rater refused before");
            }
            if (known != null) {
                return cast(known);
            }
            final T value = decode(topic, bytes);
            remember(key, bytes, value);
            return value;
        }

        /** A value from the store: what cannot be applied reads as absent. */
        @Override
        public T deserialize(final String topic, final byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            final StoredBytes key = new StoredBytes(bytes);
            final Object known = remembered(key);
            if (known != null) {
                return known == REFUSED ? null : cast(known);
            }
            try {
                final T value = decode(topic, bytes);
                remember(key, bytes, value);
                return value;
            } catch (SerializationException e) {
                skipped.skipStored(topic, e instanceof SkippedRecords.InvalidRecordException ? SkippedRecords.Reason.INVALID
                    : SkippedRecords.Reason.UNREADABLE, e);
                remember(key, bytes, REFUSED);
                return null;
            }
        }
    }

    private T decode(final String topic, final byte[] bytes) {
        final T value = json.deserializer().deserialize(topic, bytes);
        final List<String> problems = CatalogRecordRules.problems(value);
        if (!problems.isEmpty()) {
            throw new SkippedRecords.InvalidRecordException(value.getClass().getSimpleName() + " on " + topic + " cannot be applied: " + problems);
        }
        return value;
    }

    private Object remembered(final StoredBytes key) {
        synchronized (decoded) {
            return decoded.get(key);
        }
    }

    private void remember(final StoredBytes key, final byte[] bytes, final Object value) {
        synchronized (decoded) {
            // The caller may reuse its array; the key keeps a copy of its own.
            decoded.put(new StoredBytes(bytes.clone(), key.hash), value);
        }
    }

    @SuppressWarnings("unchecked")
    private T cast(final Object value) {
        return (T) value;
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
