package dev.tollgate.rater.rating;

import dev.tollgate.model.event.UsageEvent;

/**
 * An event held because the catalog it needs (subscription, plan or meter) was not in this
 * instance's view yet: the catalog write may simply not have reached the rater.
 *
 * @param heldSinceMs wall-clock time the hold began
 * @param recordTimestampMs the event record's timestamp, which keys its status entry
 */
public record PendingEvent(UsageEvent event, long heldSinceMs, long recordTimestampMs) {
}
