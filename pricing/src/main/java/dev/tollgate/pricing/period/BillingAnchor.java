package dev.tollgate.pricing.period;

import dev.tollgate.pricing.validation.InvalidPricingException;

/** Lago's billing_time: periods follow the calendar, or the subscription's start date. */
public enum BillingAnchor {
    CALENDAR("calendar"),
    ANNIVERSARY("anniversary");

    private final String wireName;

    BillingAnchor(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static BillingAnchor fromWire(String s) {
        for (BillingAnchor anchor : values()) {
            if (anchor.wireName.equals(s)) {
                return anchor;
            }
        }
        throw InvalidPricingException.of("billing_time",
                "unknown billing time '" + s + "'; expected calendar or anniversary");
    }
}
