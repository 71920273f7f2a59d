package dev.tollgate.model.event;

import java.time.Instant;
import java.util.Map;

/**
 * One metered use: the value of {@code tollgate.usage-events}, keyed by {@code customer_id}.
 * The idempotency key is ({@code customer_id}, {@code id}).
 *
 * @param timestamp event time; ingest fills in the receipt time when the producer sent none
 */
public record UsageEvent(String id, String type, String customerId, Instant timestamp, Map<String, Object> properties) {

    public UsageEvent {
        properties = properties == null ? Map.of() : properties;
    }
}
