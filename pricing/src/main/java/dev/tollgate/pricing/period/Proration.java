package dev.tollgate.pricing.period;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The share of a recurring price owed for part of a billing period, counted in whole UTC days as Lago counts them:
 * {@code chargedDays / periodDays}, where a day counts when the subscription is billable at any moment of it (the
 * start day and the end day are both charged). The fraction is kept as two integers because it rarely has a finite
 * decimal form; {@link #apply} divides once, at the rounding point.
 */
public record Proration(long chargedDays, long periodDays) {

    private static final Proration FULL = new Proration(1, 1);

    public Proration {
        if (periodDays <= 0 || chargedDays < 0 || chargedDays > periodDays) {
            throw new IllegalArgumentException("charged days must be within 0.." + periodDays + ", got " + chargedDays);
        }
    }

    public static Proration full() {
        return FULL;
    }

    public boolean isFull() {
        return chargedDays == periodDays;
    }

    /** {@code amount x chargedDays / periodDays}, rounded once to {@code scale} decimals half-up. */
    public BigDecimal apply(BigDecimal amount, int scale) {
        if (isFull()) {
            return amount.setScale(scale, RoundingMode.HALF_UP);
        }
        return amount.multiply(BigDecimal.valueOf(chargedDays))
                .divide(BigDecimal.valueOf(periodDays), scale, RoundingMode.HALF_UP);
    }
}
