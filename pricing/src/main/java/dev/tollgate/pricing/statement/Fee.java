package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.Proration;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A priced quantity owed on a statement: the plan's base price, seats, an add-on. A price per interval carries the
 * share of its period that is owed; a one-off price carries {@link Proration#full()}.
 *
 * @param code          what the statement line is called (plan code, add-on code, ...)
 * @param quantity      how many are billed: 1 for a base price, the number of seats, add-on units
 * @param unitAmount    the price of one per full interval
 * @param coveredPeriod the grid period the fee pays for (the next one when billed in advance); null for one-off fees
 * @param proration     the share of {@code coveredPeriod} owed
 */
public record Fee(String code, BigDecimal quantity, BigDecimal unitAmount, BillingPeriod coveredPeriod,
        Proration proration) {

    public Fee {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(proration, "proration");
    }

    public static Fee oneOff(String code, BigDecimal quantity, BigDecimal unitAmount) {
        return new Fee(code, quantity, unitAmount, null, Proration.full());
    }

    /** quantity x unit amount x proration, rounded once to {@code scale} decimals. */
    public BigDecimal amount(int scale) {
        return proration.apply(quantity.multiply(unitAmount), scale);
    }
}
