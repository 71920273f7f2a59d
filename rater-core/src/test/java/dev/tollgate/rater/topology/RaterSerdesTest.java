package dev.tollgate.rater.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.catalog.CatalogSerde;
import dev.tollgate.rater.state.EventStatus;
import dev.tollgate.rater.state.RaterSerdes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class RaterSerdesTest {

    private static <T> T roundTrip(final Serde<T> serde, final T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void shouldKeepEveryFieldOfAChargeStateExactly() {
        final ChargeState state = new ChargeState(new BigDecimal("12345678901234567890.000000000001"), 42,
            new BigDecimal("-0.0040"), List.of("a", "b\u00e9", ""), Instant.parse("2026-03-10T12:00:00.123456789Z"),
            new BigDecimal("1E+3"), 7, new BigDecimal("0.5"));
        final ChargeState read = roundTrip(RaterSerdes.CHARGE_STATE, state);
        assertEquals(state, read);
        // equals on BigDecimal compares scale too: 0.0040 stays 0.0040, not 0.004
        assertEquals(4, read.amount().scale());
    }

    @Test
    void shouldKeepAnEmptyChargeState() {
        assertEquals(ChargeState.empty(), roundTrip(RaterSerdes.CHARGE_STATE, ChargeState.empty()));
    }

    @Test
    void shouldKeepEveryKindOfEventStatus() {
        final EventStatus rated = EventStatus.rated(List.of(
            new EventStatus.ChargeAmount("inbound", new BigDecimal("60"), new BigDecimal("0.120"), "USD"),
            new EventStatus.ChargeAmount("outbound", BigDecimal.ZERO, new BigDecimal("0"), null)));
        assertEquals(rated, roundTrip(RaterSerdes.EVENT_STATUS, rated));
        final EventStatus rejected = EventStatus.rejected(RejectionReason.LIMIT_EXCEEDED, "past its limit \u2014 100");
        assertEquals(rejected, roundTrip(RaterSerdes.EVENT_STATUS, rejected));
        assertEquals(EventStatus.pending(), roundTrip(RaterSerdes.EVENT_STATUS, EventStatus.pending()));
    }

    @Test
    void shouldRefuseBytesOfAnotherFormat() {
        final byte[] json = "{\"status\":\"RATED\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(SerializationException.class,
            () -> RaterSerdes.EVENT_STATUS.deserializer().deserialize("t", json));
        assertThrows(SerializationException.class,
            () -> RaterSerdes.CHARGE_STATE.deserializer().deserialize("t", json));
        assertThrows(SerializationException.class,
            () -> RaterSerdes.CHARGE_STATE.deserializer().deserialize("t", new byte[] {1, 0, 0}));
    }

    @Test
    void shouldKeepTombstones() {
        assertNull(RaterSerdes.CHARGE_STATE.serializer().serialize("t", null));
        assertNull(RaterSerdes.EVENT_STATUS.deserializer().deserialize("t", null));
    }

    @Test
    void shouldDecodeACatalogValueOnceAndAChangedOneAgain() {
        final Serde<Meter> serde = new CatalogSerde<>(Meter.class, 2, new SkippedRecords("rater"));
        final Meter sum = new Meter("voice_seconds", "Voice", "call_ended", "sum", "seconds", Map.of());
        final byte[] bytes = serde.serializer().serialize("t", sum);
        final Meter first = serde.deserializer().deserialize("t", bytes);
        assertSame(first, serde.deserializer().deserialize("t", bytes.clone()));

        final Meter max = new Meter("voice_seconds", "Voice", "call_ended", "max", "seconds", Map.of());
        final Meter changed = serde.deserializer().deserialize("t", serde.serializer().serialize("t", max));
        assertEquals(max, changed);
        assertNotEquals(first, changed);
        assertEquals(sum, serde.deserializer().deserialize("t", bytes));
    }
}
