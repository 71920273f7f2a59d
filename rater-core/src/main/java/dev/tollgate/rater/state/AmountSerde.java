package dev.tollgate.rater.state;

import java.math.BigDecimal;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code spend-totals} value: read and written for every rated event that adds an amount, so
 * binary rather than JSON. Format 1: the version byte 1, then the amount (decimal, encoded as in
 * {@link ChargeStateSerde}).
 */
public final class AmountSerde implements Serde<BigDecimal> {

    static final int FORMAT = 1;

    @Override
    public Serializer<BigDecimal> serializer() {
        return (topic, amount) -> amount == null ? null : new BinaryWriter(FORMAT).writeDecimal(amount).toByteArray();
    }

    @Override
    public Deserializer<BigDecimal> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            final BinaryReader in = new BinaryReader(bytes, "spend total");
            if (in.formatVersion() != FORMAT) {
                throw new SerializationException("spend total format " + in.formatVersion() + " is unknown");
            }
            return in.readDecimal();
        };
    }
}
