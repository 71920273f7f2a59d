package dev.tollgate.rater.state;

import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.rater.state.EventStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code event-status} value: written for every event, so binary rather than JSON. Format 1, in
 * order: the version byte 1; the state's name (string); the rejection reason's name (string, null
 * when none); the detail (string); the count of charges (int), then per charge its code (string),
 * units (decimal), amount (decimal) and currency (string). Enums are stored by name so that
 * reordering their constants cannot change what a stored entry means. Strings and decimals are
 * encoded as in {@link ChargeStateSerde}.
 */
public final class EventStatusSerde implements Serde<EventStatus> {

    static final int FORMAT = 1;

    @Override
    public Serializer<EventStatus> serializer() {
        return (topic, status) -> status == null ? null : write(status);
    }

    @Override
    public Deserializer<EventStatus> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(final EventStatus status) {
        final BinaryWriter out = new BinaryWriter(FORMAT)
            .writeString(status.status().name())
            .writeString(status.reason() == null ? null : status.reason().name())
            .writeString(status.detail())
            .writeInt(status.charges().size());
        for (final EventStatus.ChargeAmount charge : status.charges()) {
            out.writeString(charge.charge())
                .writeDecimal(charge.units())
                .writeDecimal(charge.amount())
                .writeString(charge.currency());
        }
        return out.toByteArray();
    }

    static EventStatus read(final byte[] bytes) {
        final BinaryReader in = new BinaryReader(bytes, "event status");
        if (in.formatVersion() != FORMAT) {
            throw new SerializationException("event status format " + in.formatVersion() + " is unknown");
        }
        try {
            final EventStatus.State state = EventStatus.State.valueOf(in.readString());
            final String reason = in.readString();
            final String detail = in.readString();
            final int count = in.readCount();
            final List<EventStatus.ChargeAmount> charges = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                charges.add(new EventStatus.ChargeAmount(in.readString(), in.readDecimal(), in.readDecimal(),
                    in.readString()));
            }
            return new EventStatus(state, reason == null ? null : RejectionReason.valueOf(reason), detail, charges);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("not a stored event status", e);
        }
    }
}
