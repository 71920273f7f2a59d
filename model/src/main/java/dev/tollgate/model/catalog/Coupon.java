package dev.tollgate.model.catalog;

import dev.tollgate.pricing.statement.CouponType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A discount customers' subscriptions may carry: the value of {@code tollgate.coupons}, keyed by {@code code}.
 * How many times it was used is not part of the definition: statements count uses.
 *
 * @param couponType percentage or fixed_amount
 * @param percentageRate for percentage coupons: 1 to 100
 * @param amount for fixed_amount coupons: the amount taken off, in {@code currency}
 * @param maxUses how many subscriptions may redeem it (a plan change keeps its redemption); null for no limit
 * @param validFrom it discounts statements issued at or after this instant; null for no start
 * @param validUntil it discounts statements issued before this instant; null for no expiry
 * @param plans the plan codes it applies to; empty for every plan
 * @param active inactive coupons are not given to new subscriptions
 */
public record Coupon(String code, String name, String couponType, BigDecimal percentageRate, BigDecimal amount,
                     String currency, Integer maxUses, Instant validFrom, Instant validUntil, List<String> plans,
                     boolean active, Instant createdAt, Instant updatedAt) {

    public Coupon {
        plans = plans == null ? List.of() : List.copyOf(plans);
    }

    /**
     * The coupon as the statement arithmetic takes it.
     *
     * @param usedSoFar how many statements it has discounted already
     */
    public dev.tollgate.pricing.statement.Coupon forStatement(final int usedSoFar) {
        return new dev.tollgate.pricing.statement.Coupon(code, CouponType.fromWire(couponType), percentageRate,
            amount, currency, maxUses == null ? null : Math.max(0, maxUses - usedSoFar), validFrom, validUntil,
            plans);
    }
}
