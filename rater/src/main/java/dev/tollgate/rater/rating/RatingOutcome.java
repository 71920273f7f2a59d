package dev.tollgate.rater.rating;

import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.UsageRejection;

/** One record the rating step emits: a priced charge of an event, or the event's rejection. */
public sealed interface RatingOutcome {

    record Rated(RatedUsage usage) implements RatingOutcome {
    }

    record Rejected(UsageRejection rejection) implements RatingOutcome {
    }
}
