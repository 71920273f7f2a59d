package dev.tollgate.rater.state;

import dev.tollgate.pricing.rating.ChargeState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code charge-aggregates} value: read and written for every rated event, so binary rather than
 * JSON. Format 1, in order: the version byte 1; units (decimal); events (long); amount (decimal); the
 * count of distinct values (int), then each (string); latestAt (nullable instant); freeUnits
 * (decimal); freeEvents (long); ownAmount (decimal). Decimals are scale (int), length (int) and the
 * unscaled two's-complement bytes; strings are a length (int, -1 for null) and UTF-8; nullable
 * values start with a presence byte; integers are big-endian.
 */
public final class ChargeStateSerde implements Serde<ChargeState> {

    static final int FORMAT = 1;

    @Override
    public Serializer<ChargeState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<ChargeState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(final ChargeState state) {
        final BinaryWriter out = new BinaryWriter(FORMAT)
            .writeDecimal(state.units())
            .writeLong(state.events())
            .writeDecimal(state.amount())
            .writeInt(state.distinctValues().size());
        state.distinctValues().forEach(out::writeString);
        return out.writeNullableInstant(state.latestAt())
            .writeDecimal(state.freeUnits())
            .writeLong(state.freeEvents())
            .writeDecimal(state.ownAmount())
            .toByteArray();
    }

    static ChargeState read(final byte[] bytes) {
        final BinaryReader in = new BinaryReader(bytes, "charge state");
        if (in.formatVersion() != FORMAT) {
            throw new SerializationException("charge state format " + in.formatVersion() + " is unknown");
        }
        final BigDecimal units = in.readDecimal();
        final long events = in.readLong();
        final BigDecimal amount = in.readDecimal();
        final int distinctCount = in.readCount();
        final List<String> distinct = new ArrayList<>(distinctCount);
        for (int i = 0; i < distinctCount; i++) {
            distinct.add(in.readString());
        }
        return new ChargeState(units, events, amount, distinct, in.readNullableInstant(), in.readDecimal(),
            in.readLong(), in.readDecimal());
    }
}
