package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.period.BillingPeriod;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A computed statement. Every line is rounded to the currency's minor unit and {@code total} is exactly the sum of
 * the lines.
 *
 * @param subtotal        the sum of the fee, usage and minimum commitment lines, before coupons, credits and what
 *                        interim statements billed
 * @param couponsApplied  how much each coupon discounted, to count a use and reduce a once coupon's remaining amount
 * @param creditsApplied  how much each credit balance paid
 */
public record Statement(String currency, BillingPeriod period, List<StatementLine> lines, BigDecimal subtotal,
        BigDecimal total, boolean finalStatement, List<AppliedAmount> couponsApplied,
        List<AppliedAmount> creditsApplied) {

    public Statement {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(period, "period");
        lines = List.copyOf(lines);
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(total, "total");
        couponsApplied = List.copyOf(couponsApplied);
        creditsApplied = List.copyOf(creditsApplied);
    }
}
