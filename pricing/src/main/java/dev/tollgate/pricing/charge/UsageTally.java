package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a charge model needs to know about a period's events so far to price the next one. Most models only read
 * {@code units}; percentage also tracks its free allowance and, with per-transaction bounds, the amount so far;
 * dynamic sums the events' own amounts.
 *
 * @param units      the period's aggregated units
 * @param events     how many events were counted
 * @param freeUnits  units taken from the percentage model's free allowance
 * @param freeEvents events the percentage model's free allowance covered entirely (no fixed fee either)
 * @param amount     the amount so far, read by models that price event by event
 * @param ownAmount  the sum of the events' own amounts (dynamic)
 */
public record UsageTally(
        BigDecimal units, long events, BigDecimal freeUnits, long freeEvents, BigDecimal amount, BigDecimal ownAmount) {

    private static final UsageTally EMPTY = new UsageTally(
            BigDecimal.ZERO, 0L, BigDecimal.ZERO, 0L, BigDecimal.ZERO, BigDecimal.ZERO);

    public UsageTally {
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(freeUnits, "freeUnits");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(ownAmount, "ownAmount");
    }

    public static UsageTally empty() {
        return EMPTY;
    }

    /** The same tally with one more event whose aggregate is now {@code units}; allowance and amounts unchanged. */
    public UsageTally counted(BigDecimal newUnits) {
        return new UsageTally(newUnits, events + 1, freeUnits, freeEvents, amount, ownAmount);
    }
}
