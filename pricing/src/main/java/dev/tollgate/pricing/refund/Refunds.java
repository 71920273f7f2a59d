package dev.tollgate.pricing.refund;

import dev.tollgate.pricing.money.Currencies;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The refund rule for a final statement: refunds are adjustments that together never give back more
 * than the statement's total, each in whole minor units of its currency. A request without an amount
 * refunds whatever is left. The statement itself is never changed; the caller records each granted
 * refund beside it.
 */
public final class Refunds {

    private Refunds() {
    }

    /**
     * @param statementTotal the final statement's rounded total
     * @param refundedSoFar  the sum of the refunds already granted on it (not negative)
     * @param requested      the amount asked for; empty for "everything that is left"
     */
    public static RefundDecision decide(BigDecimal statementTotal, BigDecimal refundedSoFar,
                                        Optional<BigDecimal> requested, String currency) {
        Objects.requireNonNull(statementTotal, "statementTotal");
        Objects.requireNonNull(refundedSoFar, "refundedSoFar");
        final int scale = Currencies.minorUnits(currency);
        if (statementTotal.signum() <= 0) {
            return new RefundDecision.Refused("the statement's total is " + statementTotal.toPlainString() + " "
                + currency + ": there is nothing to refund");
        }
        final BigDecimal remaining = statementTotal.subtract(refundedSoFar).setScale(scale);
        if (remaining.signum() <= 0) {
            return new RefundDecision.Refused("the statement is already fully refunded ("
                + refundedSoFar.toPlainString() + " " + currency + ")");
        }
        if (requested.isEmpty()) {
            return granted(remaining, refundedSoFar, remaining, scale);
        }
        final BigDecimal amount = requested.get();
        if (amount.signum() <= 0) {
            return new RefundDecision.Refused("a refund amount must be greater than 0, not " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > scale) {
            return new RefundDecision.Refused(amount.toPlainString() + " has more decimals than " + currency
                + " has minor units (" + scale + ")");
        }
        if (amount.compareTo(remaining) > 0) {
            return new RefundDecision.Refused("a refund of " + amount.toPlainString() + " " + currency
                + " exceeds the " + remaining.toPlainString() + " " + currency + " left to refund on the statement");
        }
        return granted(amount, refundedSoFar, remaining, scale);
    }

    private static RefundDecision granted(BigDecimal amount, BigDecimal refundedSoFar, BigDecimal remaining,
                                          int scale) {
        final BigDecimal exact = amount.setScale(scale);
        return new RefundDecision.Granted(exact, refundedSoFar.add(exact).setScale(scale),
            remaining.subtract(exact));
    }
}
