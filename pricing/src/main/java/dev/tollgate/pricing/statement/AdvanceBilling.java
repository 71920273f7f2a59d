package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Objects;

/**
 * What the statement that billed a period in advance charged for it: each fee's line amount, and the share of its
 * lines the customer paid once that statement's coupons took their part. A credit for the unused part of a fee gives
 * back that share of it, never more than was paid.
 *
 * @param fees      each fee's billed amount, keyed as the caller keys fee lines
 * @param paidShare the billing statement's subtotal after coupons over its subtotal: 1 without coupons
 */
public record AdvanceBilling(Map<String, BigDecimal> fees, BigDecimal paidShare) {

    /** Nothing was billed in advance. */
    public static final AdvanceBilling NONE = new AdvanceBilling(Map.of(), BigDecimal.ONE);

    public AdvanceBilling {
        fees = Map.copyOf(Objects.requireNonNull(fees, "fees"));
        Objects.requireNonNull(paidShare, "paidShare");
        if (paidShare.signum() < 0 || paidShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the paid share is between 0 and 1, got " + paidShare);
        }
    }

    /**
     * The share paid of a statement whose lines before coupons summed to {@code subtotal} and whose coupons took
     * {@code discounts} (positive): all of it when nothing positive was billed.
     */
    public static BigDecimal paidShare(final BigDecimal subtotal, final BigDecimal discounts) {
        if (subtotal.signum() <= 0 || discounts.signum() <= 0) {
            return BigDecimal.ONE;
        }
        return subtotal.subtract(discounts.min(subtotal)).divide(subtotal, MathContext.DECIMAL64);
    }
}
