package dev.tollgate.rater.closing;

import dev.tollgate.model.rating.PeriodStatement;

/** One record the period closer emits, each bound for its own topic. */
public sealed interface CloseOutcome {

    /** A final statement, keyed by subscription_id, for {@code tollgate.period-statements}. */
    record Closed(PeriodStatement statement) implements CloseOutcome {
    }

    /** A tick for the task's own partition of {@code tollgate.rater-clock}, keyed by that partition. */
    record Tick(int partition, long wallClockMs) implements CloseOutcome {
    }
}
