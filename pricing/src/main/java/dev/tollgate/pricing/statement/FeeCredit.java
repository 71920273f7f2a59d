package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The unused part of a fee billed in advance: what was billed for a period less what the period owes once billing
 * ended inside it. Negative, in the currency's minor units.
 *
 * @param code  the fee's line code (plan code, {@code seats}, add-on code)
 * @param units the fee's quantity
 */
public record FeeCredit(String code, BigDecimal units, BigDecimal amount) {

    public FeeCredit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() >= 0) {
            throw new IllegalArgumentException("a fee credit is negative, got " + amount);
        }
    }
}
