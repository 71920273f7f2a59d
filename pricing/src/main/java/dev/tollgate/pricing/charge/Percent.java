package dev.tollgate.pricing.charge;

import java.math.BigDecimal;

final class Percent {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Percent() {
    }

    /** rate percent of units; dividing by 100 only moves the decimal point, so the result stays exact. */
    static BigDecimal of(BigDecimal units, BigDecimal rate) {
        return units.multiply(rate).movePointLeft(2);
    }

    static boolean isPercentage(BigDecimal rate) {
        return rate.signum() >= 0 && rate.compareTo(HUNDRED) <= 0;
    }
}
