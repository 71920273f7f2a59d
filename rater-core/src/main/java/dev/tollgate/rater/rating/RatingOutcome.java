package dev.tollgate.rater.rating;

import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;

/** One record the rating step emits, each bound for its own topic. */
public sealed interface RatingOutcome {

    record Rated(RatedUsage usage) implements RatingOutcome {
    }

    record Rejected(UsageRejection rejection) implements RatingOutcome {
    }

    record Alerted(UsageAlert alert) implements RatingOutcome {
    }
}
