package dev.tollgate.rater.state;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code spend-totals} value: read and written for every rated event that adds an amount, so
 * binary rather than JSON. Format 1, in order: the version byte 1; spent (decimal); interimBilled
 * (decimal); the count of thresholds reached (int), then each (decimal). Decimals are encoded as in
 * {@link ChargeStateSerde}.
 */
public final class SpendStateSerde implements Serde<SpendState> {

    static final int FORMAT = 1;

    @Override
    public Serializer<SpendState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<SpendState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(final SpendState state) {
        final BinaryWriter out = new BinaryWriter(FORMAT)
            .writeDecimal(state.spent())
            .writeDecimal(state.interimBilled())
            .writeInt(state.thresholdsReached().size());
        state.thresholdsReached().forEach(out::writeDecimal);
        return out.toByteArray();
    }

    static SpendState read(final byte[] bytes) {
        final BinaryReader in = new BinaryReader(bytes, "spend state");
        if (in.formatVersion() != FORMAT) {
            throw new SerializationException("spend state format " + in.formatVersion() + " is unknown");
        }
        final BigDecimal spent = in.readDecimal();
        final BigDecimal interimBilled = in.readDecimal();
        final int count = in.readCount();
        final List<BigDecimal> reached = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reached.add(in.readDecimal());
        }
        return new SpendState(spent, interimBilled, reached);
    }
}
