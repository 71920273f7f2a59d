package dev.tollgate.model.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Prepaid credit put into a customer's wallet: money, in one currency, that the rater pays rated
 * usage from as each event is rated.
 *
 * @param amount what the grant holds, in {@code currency}; what is left of it is the rater's to keep
 * @param expiresAt from this instant on the grant pays for no event; null: it never expires
 * @param priority grants are drawn lowest number first, then soonest expiry, then oldest
 * @param reference the granter's own reference (an order, a promotion); never read by rating
 * @param lowBalanceAlert when to alert that the grant runs low; null for never
 */
public record CreditGrant(String id, String customerId, BigDecimal amount, String currency, Instant expiresAt,
                          int priority, String reference, LowBalanceAlert lowBalanceAlert, Instant grantedAt) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * Alert once when what is left of the grant falls to {@code amount}, or to {@code percent} of the
     * grant's amount, or below; with both, at the higher of the two.
     */
    public record LowBalanceAlert(BigDecimal amount, BigDecimal percent) {
    }

    /** Whether the grant may pay for an event dated {@code at}. */
    public boolean paysAt(final Instant at) {
        return expiresAt == null || at.isBefore(expiresAt);
    }

    /** The balance at or below which the low-balance alert fires; null without one. */
    public BigDecimal lowBalanceLevel() {
        if (lowBalanceAlert == null) {
            return null;
        }
        final BigDecimal byPercent = lowBalanceAlert.percent() == null ? null
            : amount.multiply(lowBalanceAlert.percent()).divide(HUNDRED);
        if (lowBalanceAlert.amount() == null) {
            return byPercent;
        }
        return byPercent == null ? lowBalanceAlert.amount() : lowBalanceAlert.amount().max(byPercent);
    }
}
