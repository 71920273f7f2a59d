package dev.tollgate.rater.state;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One subscription's spending in one open period, the {@code spend-totals} value.
 *
 * @param spent the period's running usage amount: the sum of the rated deltas of its events, before coupons and
 *              credits, at full precision
 * @param interimBilled what the period's interim statements billed so far, rounded as they billed it
 * @param thresholdsReached the spend thresholds whose interim statement was published: each fires once a period
 */
public record SpendState(BigDecimal spent, BigDecimal interimBilled, List<BigDecimal> thresholdsReached) {

    public static final SpendState NONE = new SpendState(BigDecimal.ZERO, BigDecimal.ZERO, List.of());

    public SpendState {
        thresholdsReached = List.copyOf(thresholdsReached);
    }

    public SpendState plus(final BigDecimal amount) {
        return new SpendState(spent.add(amount), interimBilled, thresholdsReached);
    }

    /** Whether an interim statement was published for {@code threshold} (compared by value, not scale). */
    public boolean reached(final BigDecimal threshold) {
        return thresholdsReached.stream().anyMatch(done -> done.compareTo(threshold) == 0);
    }

    /** This state once an interim statement billed {@code amount} for {@code thresholds}. */
    public SpendState billed(final BigDecimal amount, final List<BigDecimal> thresholds) {
        final List<BigDecimal> reached = new ArrayList<>(thresholdsReached);
        reached.addAll(thresholds);
        return new SpendState(spent, interimBilled.add(amount), reached);
    }
}
