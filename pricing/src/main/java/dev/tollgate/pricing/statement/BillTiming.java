package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.validation.InvalidPricingException;

/**
 * When a plan's recurring price is billed: at the start of the period it pays for (Lago's pay_in_advance) or at its
 * end. Usage is always billed in arrears.
 */
public enum BillTiming {
    ADVANCE("in_advance"),
    ARREARS("in_arrears");

    private final String wireName;

    BillTiming(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static BillTiming fromWire(String s) {
        for (BillTiming timing : values()) {
            if (timing.wireName.equals(s)) {
                return timing;
            }
        }
        throw InvalidPricingException.of("bill_timing",
                "unknown bill timing '" + s + "'; expected in_advance or in_arrears");
    }

    public static BillTiming ofPayInAdvance(boolean payInAdvance) {
        return payInAdvance ? ADVANCE : ARREARS;
    }
}
