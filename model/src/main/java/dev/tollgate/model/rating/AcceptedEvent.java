package dev.tollgate.model.rating;

import dev.tollgate.model.event.UsageEvent;
import java.time.Instant;

/**
 * A record of {@code tollgate.accepted-events}, keyed by the event's {@code customer_id}: an event
 * the rater rated, as it read it, or one it turned away as {@code LATE} because its period had
 * closed. A re-rate of a closed period prices these again, so the period's late events count too.
 *
 * @param subscriptionId the subscription in force at the event's time
 * @param periodStart    the start of the grid period that holds the event, as the charge states key it
 * @param planVersion    the plan version it was rated under (for a late event: would have been)
 * @param late           true for an event rejected {@code LATE}: it never reached the period's statement
 */
public record AcceptedEvent(UsageEvent event, String subscriptionId, Instant periodStart, int planVersion,
                            boolean late) {
}
