package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a statement. The amount is already rounded to the currency's minor unit; discounts and credits are
 * negative.
 */
public record StatementLine(LineType type, String code, BigDecimal units, BigDecimal amount) {

    public StatementLine {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(amount, "amount");
    }
}
