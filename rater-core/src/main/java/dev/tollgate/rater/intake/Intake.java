package dev.tollgate.rater.intake;

import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.rating.UsageRejection;

/** What reading one raw record of {@code tollgate.usage-events} gives: an event to rate, or a rejection. */
public sealed interface Intake {

    /**
     * @param misplaced the record sits on another partition than the customer's, so it takes the
     *                  repartition hop before any keyed state sees it
     */
    record Accepted(UsageEvent event, boolean misplaced) implements Intake {
    }

    record Rejected(UsageRejection rejection) implements Intake {
    }
}
