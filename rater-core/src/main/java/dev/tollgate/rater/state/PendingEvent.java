package dev.tollgate.rater.state;

import dev.tollgate.model.event.UsageEvent;

/**
 * An event held because the catalog it needs (subscription, plan or meter) was not in this
 * instance's view yet: the catalog write may simply not have reached the rater.
 *
 * @param heldSinceMs wall-clock time the rater first saw the event: the hold began then, and its
 *                    status entry is stored at that time, so dedup holds for the window from then
 * @param recordTimestampMs the event record's timestamp, given to the records the event produces
 */
public record PendingEvent(UsageEvent event, long heldSinceMs, long recordTimestampMs) {
}
