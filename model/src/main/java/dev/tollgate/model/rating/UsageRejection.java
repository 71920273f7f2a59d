package dev.tollgate.model.rating;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A record that could not be rated: the value of {@code tollgate.usage-rejections}, keyed by
 * {@code customer_id} where one could be read.
 *
 * @param event the original event when it was JSON
 * @param raw the original bytes as text when they were not JSON (truncated to a bounded length)
 */
public record UsageRejection(String customerId, String eventId, RejectionReason reason, String detail,
                             JsonNode event, String raw, Instant rejectedAt) {
}
