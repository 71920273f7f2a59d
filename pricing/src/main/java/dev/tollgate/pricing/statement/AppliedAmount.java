package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.util.Objects;

/** How much of a coupon or a credit balance a statement used, so the caller can record the use. */
public record AppliedAmount(String code, BigDecimal amount) {

    public AppliedAmount {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(amount, "amount");
    }
}
