package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one credit grant paid of a statement's period, at full precision, as events were rated: the
 * statement shows it as a line that takes it off what the period bills.
 */
public record GrantUse(String grantId, BigDecimal paid) {

    public GrantUse {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(paid, "paid");
    }
}
