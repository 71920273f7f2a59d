package dev.tollgate.rater.state;

import dev.tollgate.model.json.JsonSerde;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.rating.Rerate;
import dev.tollgate.pricing.rating.ChargeState;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the rater's own stores and internal topics, in one place. Values touched on every
 * event are binary (their formats are documented on their serdes). The catalog stores keep the
 * topics' JSON, checked and remembered by a serde of each topology's own.
 */
public final class RaterSerdes {

    public static final Serde<String> KEYS = Serdes.String();
    public static final Serde<EventStatus> EVENT_STATUS = new EventStatusSerde();
    public static final Serde<ChargeState> CHARGE_STATE = new ChargeStateSerde();
    public static final Serde<PendingEvent> PENDING_EVENT = new JsonSerde<>(PendingEvent.class);
    public static final Serde<Long> EPOCH_MILLIS = Serdes.Long();
    public static final Serde<Refund> REFUND = new JsonSerde<>(Refund.class);
    /** An amount as its plain decimal string in UTF-8: exact, and readable in the changelog. */
    public static final Serde<BigDecimal> DECIMAL = Serdes.serdeFrom(
        (topic, amount) -> amount == null ? null : amount.toPlainString().getBytes(StandardCharsets.UTF_8),
        (topic, bytes) -> bytes == null ? null : new BigDecimal(new String(bytes, StandardCharsets.UTF_8)));
    public static final Serde<SpendState> SPEND_STATE = new SpendStateSerde();
    public static final Serde<Rerate> RERATE = new JsonSerde<>(Rerate.class);

    private RaterSerdes() {
    }
}
