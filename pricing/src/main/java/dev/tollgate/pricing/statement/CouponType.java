package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.validation.InvalidPricingException;

/** Lago's coupon_type. */
public enum CouponType {
    FIXED_AMOUNT("fixed_amount"),
    PERCENTAGE("percentage");

    private final String wireName;

    CouponType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static CouponType fromWire(String s) {
        for (CouponType type : values()) {
            if (type.wireName.equals(s)) {
                return type;
            }
        }
        throw InvalidPricingException.of("coupon_type",
                "unknown coupon type '" + s + "'; expected fixed_amount or percentage");
    }
}
