package dev.tollgate.rater.topology;

import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.json.JsonSerde;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.rating.EventStatus;
import dev.tollgate.rater.rating.PendingEvent;
import dev.tollgate.rater.state.ChargeStateSerde;
import dev.tollgate.rater.state.EventStatusSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the rater's own stores and internal topics, in one place. Values touched on every
 * event are binary (their formats are documented on their serdes); the catalog stores keep the
 * topics' JSON, checked and remembered ({@link CatalogSerde}).
 */
public final class RaterSerdes {

    /** Decoded plans, meters, add-ons and coupons kept per store: a catalog has far fewer. */
    static final int CATALOG_ENTRIES = 4_096;
    /** Decoded subscription lists kept: one per customer read lately, about 1 KiB each. */
    static final int SUBSCRIPTION_ENTRIES = 32_768;

    public static final Serde<String> KEYS = Serdes.String();
    public static final Serde<UsageEvent> USAGE_EVENT = new JsonSerde<>(UsageEvent.class);
    public static final Serde<EventStatus> EVENT_STATUS = new EventStatusSerde();
    public static final Serde<ChargeState> CHARGE_STATE = new ChargeStateSerde();
    public static final Serde<PendingEvent> PENDING_EVENT = new JsonSerde<>(PendingEvent.class);
    public static final Serde<Long> EPOCH_MILLIS = Serdes.Long();
    public static final Serde<Refund> REFUND = new JsonSerde<>(Refund.class);

    /**
     * A catalog store's value serde: the topic's JSON, checked, remembering what it decoded. One per
     * topology built, so that the memory goes with it; values it cannot take go to {@code skipped}.
     */
    static <T> Serde<T> catalog(final Class<T> type, final int entries, final SkippedRecords skipped) {
        return new CatalogSerde<>(type, entries, skipped);
    }

    private RaterSerdes() {
    }
}
