package dev.tollgate.pricing.rating;

import java.math.BigDecimal;
import java.util.Objects;

/** The outcome of rating one event: the state to store and the amount it adds to the period, at full precision. */
public record RatingStep(ChargeState next, BigDecimal delta) {

    public RatingStep {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(delta, "delta");
    }
}
