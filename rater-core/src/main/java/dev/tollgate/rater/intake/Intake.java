package dev.tollgate.rater.intake;

import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.rating.UsageRejection;

/** What reading one raw record of {@code tollgate.usage-events} gives: an event to rate, or a rejection. */
public sealed interface Intake {

    /**
     * @param misplaced the record sits on another partition than the customer's, so it goes back to
     *                  the topic keyed by the customer before any keyed state sees it
     */
    record Accepted(UsageEvent event, boolean misplaced) implements Intake {
    }

    /** @param key the rejection's key: the event's customer_id, else the record's key if it could be one, else null */
    record Rejected(String key, UsageRejection rejection) implements Intake {
    }
}
