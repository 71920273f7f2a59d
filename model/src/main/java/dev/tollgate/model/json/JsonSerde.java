package dev.tollgate.model.json;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde for one record type in Tollgate's JSON wire format; null stays null (tombstones). */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;

    public JsonSerde(final Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : Json.write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return Json.read(bytes, type);
            } catch (RuntimeException e) {
                throw new SerializationException("not a " + type.getSimpleName() + " on " + topic, e);
            }
        };
    }
}
