package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.validation.Errors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A coupon as it stands for one customer when a statement is computed.
 *
 * @param code           the coupon's code
 * @param type           fixed amount or percentage
 * @param percentageRate for percentage coupons: 1 to 100
 * @param amount         for fixed coupons: what is left to discount (all of it for recurring coupons; the unused
 *                       rest for a once coupon that was not used up), in {@code amountCurrency}
 * @param amountCurrency for fixed coupons: the currency of {@code amount}; a statement in another currency skips it
 * @param usesLeft       how many more statements it may discount (max uses minus uses so far); null for no limit
 * @param validFrom      it discounts statements issued at or after this instant; null for no start
 * @param validUntil     it discounts statements issued before this instant; null for no expiry
 * @param planCodes      the plans it applies to; empty for every plan
 */
public record Coupon(String code, CouponType type, BigDecimal percentageRate, BigDecimal amount, String amountCurrency,
        Integer usesLeft, Instant validFrom, Instant validUntil, List<String> planCodes) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Coupon {
        planCodes = planCodes == null ? List.of() : List.copyOf(planCodes);
        final Errors errors = new Errors();
        if (code == null || code.isBlank()) {
            errors.add("code", "is required");
        }
        if (type == null) {
            errors.add("coupon_type", "is required: fixed_amount or percentage");
        } else {
            switch (type) {
                case PERCENTAGE -> {
                    if (percentageRate == null || percentageRate.compareTo(BigDecimal.ONE) < 0
                            || percentageRate.compareTo(HUNDRED) > 0) {
                        errors.add("percentage_rate", "must be between 1 and 100");
                    }
                }
                case FIXED_AMOUNT -> {
                    if (amount == null || amount.signum() <= 0) {
                        errors.add("amount", "must be greater than 0");
                    }
                    if (amountCurrency == null || amountCurrency.isBlank()) {
                        errors.add("amount_currency", "is required for a fixed_amount coupon");
                    }
                }
                default -> throw new IllegalStateException("unhandled coupon type " + type);
            }
        }
        if (usesLeft != null && usesLeft < 0) {
            errors.add("uses_left", "must not be negative");
        }
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            errors.add("expiration_at", "must be after the start of the validity window");
        }
        errors.throwIfAny();
    }

    public static Coupon percentage(String code, BigDecimal rate) {
        return new Coupon(code, CouponType.PERCENTAGE, rate, null, null, null, null, null, List.of());
    }

    public static Coupon fixed(String code, BigDecimal amount, String currency) {
        return new Coupon(code, CouponType.FIXED_AMOUNT, null, amount, currency, null, null, null, List.of());
    }

    /** Whether it may discount a statement for {@code planCode} in {@code currency} issued at {@code issuedAt}. */
    boolean appliesTo(String planCode, String currency, Instant issuedAt) {
        if (usesLeft != null && usesLeft == 0) {
            return false;
        }
        if (validFrom != null && issuedAt.isBefore(validFrom)) {
            return false;
        }
        if (validUntil != null && !issuedAt.isBefore(validUntil)) {
            return false;
        }
        if (!planCodes.isEmpty() && !planCodes.contains(planCode)) {
            return false;
        }
        return type != CouponType.FIXED_AMOUNT || amountCurrency.equals(currency);
    }

    boolean limitedToPlans() {
        return !planCodes.isEmpty();
    }
}
