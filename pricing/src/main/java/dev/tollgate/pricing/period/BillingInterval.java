package dev.tollgate.pricing.period;

import dev.tollgate.pricing.validation.InvalidPricingException;
import java.util.Objects;

/** A plan's billing interval: a unit and how many of them make one period (every 3 months = MONTH x 3). */
public record BillingInterval(IntervalUnit unit, int frequency) {

    public BillingInterval {
        Objects.requireNonNull(unit, "unit");
        if (frequency < 1) {
            throw InvalidPricingException.of("interval", "frequency must be at least 1, got " + frequency);
        }
    }

    public static BillingInterval fromWire(String interval) {
        if (interval == null) {
            throw InvalidPricingException.of("interval", "is required: daily, weekly, monthly, quarterly or yearly");
        }
        return switch (interval) {
            case "daily" -> new BillingInterval(IntervalUnit.DAY, 1);
            case "weekly" -> new BillingInterval(IntervalUnit.WEEK, 1);
            case "monthly" -> new BillingInterval(IntervalUnit.MONTH, 1);
            case "quarterly" -> new BillingInterval(IntervalUnit.MONTH, 3);
            case "yearly" -> new BillingInterval(IntervalUnit.YEAR, 1);
            default -> throw InvalidPricingException.of("interval",
                    "unknown interval '" + interval + "'; expected daily, weekly, monthly, quarterly or yearly");
        };
    }
}
