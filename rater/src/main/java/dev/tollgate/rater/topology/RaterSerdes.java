package dev.tollgate.rater.topology;

import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.json.JsonSerde;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.rating.EventStatus;
import dev.tollgate.rater.rating.PendingEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The serdes of the rater's own stores and internal topics, in one place. */
public final class RaterSerdes {

    public static final Serde<String> KEYS = Serdes.String();
    public static final Serde<UsageEvent> USAGE_EVENT = new JsonSerde<>(UsageEvent.class);
    public static final Serde<EventStatus> EVENT_STATUS = new JsonSerde<>(EventStatus.class);
    public static final Serde<ChargeState> CHARGE_STATE = new JsonSerde<>(ChargeState.class);
    public static final Serde<PendingEvent> PENDING_EVENT = new JsonSerde<>(PendingEvent.class);
    public static final Serde<Long> EPOCH_MILLIS = Serdes.Long();

    private RaterSerdes() {
    }
}
