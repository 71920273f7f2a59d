package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A plan's spending minimum per period (Lago's minimum commitment): when a statement's fee and usage lines bill less
 * than the minimum owed for the period, a true-up line bills the difference. The minimum is a price per period, so it
 * is pro-rated as the base fee is ({@link Fee#proration()}: the billable days of a period cut short by the start, the
 * trial or the end of billing). The comparison is made before coupons and credits, as Lago makes it, so that a
 * discount lowers what is paid rather than raising the true-up that it would then discount again.
 */
public final class MinimumCommitment {

    private MinimumCommitment() {
    }

    /**
     * The true-up owed when the period's lines billed {@code billed} (rounded to {@code scale}) against the pro-rated
     * {@code minimum}: the minimum less what was billed, rounded to {@code scale} as the minimum is, never negative;
     * empty when the lines reach the minimum.
     */
    public static Optional<BigDecimal> trueUp(Fee minimum, BigDecimal billed, int scale) {
        final BigDecimal gap = minimum.amount(scale).subtract(billed.setScale(scale, RoundingMode.HALF_UP));
        return gap.signum() > 0 ? Optional.of(gap) : Optional.empty();
    }
}
