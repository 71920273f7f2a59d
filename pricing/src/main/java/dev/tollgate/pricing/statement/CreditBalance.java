package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Prepaid credits a customer holds (a wallet), in the statement's currency. The same draw-down serves a statement
 * consuming credits at the end of a period and, later, a grant paid down event by event.
 */
public record CreditBalance(String code, BigDecimal balance) {

    public CreditBalance {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(balance, "balance");
        if (balance.signum() < 0) {
            throw new IllegalArgumentException("a credit balance cannot be negative");
        }
    }

    /** The outcome of drawing on a balance. */
    public record Drawdown(BigDecimal drawn, CreditBalance remaining) {

        public boolean exhausted() {
            return remaining.balance().signum() == 0;
        }
    }

    /** Draws up to {@code wanted} at full precision; never more than the balance. */
    public Drawdown draw(BigDecimal wanted) {
        final BigDecimal drawn = wanted.signum() <= 0 ? BigDecimal.ZERO : wanted.min(balance);
        return new Drawdown(drawn, new CreditBalance(code, balance.subtract(drawn)));
    }

    /**
     * Draws up to {@code wanted} in whole minor units: rounded down, so a statement never consumes a fraction of a
     * cent the wallet does not hold.
     */
    public Drawdown draw(BigDecimal wanted, int scale) {
        final BigDecimal available = balance.setScale(scale, RoundingMode.DOWN);
        final BigDecimal drawn = wanted.signum() <= 0 ? BigDecimal.ZERO.setScale(scale) : wanted.min(available);
        return new Drawdown(drawn, new CreditBalance(code, balance.subtract(drawn)));
    }
}
