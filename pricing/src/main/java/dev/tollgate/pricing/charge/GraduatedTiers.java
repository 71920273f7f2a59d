package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The walk both graduated models share: each range prices the units above the previous range's
 * upper bound, up to its own, and adds its flat amount once usage reaches into it; the walk stops at
 * the range that holds the total (the first range is always reached, so its flat amount is due at
 * zero units).
 */
final class GraduatedTiers {

    private GraduatedTiers() {
    }

    /**
     * @param upper a range's upper bound, null for the open last range
     * @param slicePrice the price of a number of units within a range
     * @param flat a range's flat amount
     */
    static <R> BigDecimal amount(final List<R> ranges, final BigDecimal units, final Function<R, BigDecimal> upper,
                                 final BiFunction<R, BigDecimal, BigDecimal> slicePrice,
                                 final Function<R, BigDecimal> flat) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal lower = BigDecimal.ZERO;
        for (final R range : ranges) {
            final BigDecimal to = upper.apply(range);
            final BigDecimal capped = to == null ? units : units.min(to);
            total = total.add(slicePrice.apply(range, capped.subtract(lower))).add(flat.apply(range));
            if (to == null || to.compareTo(units) >= 0) {
                break;
            }
            lower = to;
        }
        return total;
    }
}
