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

    /**
     * An interval as seed 004 writes one, {@code {unit, frequency}}: day, week, month or year, times the frequency.
     * Errors are reported on {@code unit} and {@code frequency}.
     */
    public static BillingInterval of(String unit, int frequency) {
        final IntervalUnit parsed = switch (unit == null ? "" : unit) {
            case "day" -> IntervalUnit.DAY;
            case "week" -> IntervalUnit.WEEK;
            case "month" -> IntervalUnit.MONTH;
            case "year" -> IntervalUnit.YEAR;
            default -> throw InvalidPricingException.of("unit", unit == null ? "is required: day, week, month or year"
                    : "unknown interval unit '" + unit + "'; expected day, week, month or year");
        };
        if (frequency < 1) {
            throw InvalidPricingException.of("frequency", "must be at least 1, got " + frequency);
        }
        return new BillingInterval(parsed, frequency);
    }

    /**
     * Whether each period of this interval is a whole number of periods of {@code shorter} on the same anchor, so
     * that every one of its periods ends where one of {@code shorter} ends: the same unit at a multiple of its
     * frequency, years over months that divide twelve, or anything over single days. Weeks and months never line up,
     * nor do calendar weeks and multi-day periods, which count from different origins.
     */
    public boolean spansWholePeriodsOf(BillingInterval shorter) {
        if (unit == shorter.unit) {
            return frequency % shorter.frequency == 0;
        }
        if (shorter.unit == IntervalUnit.DAY) {
            return shorter.frequency == 1;
        }
        return unit == IntervalUnit.YEAR && shorter.unit == IntervalUnit.MONTH
                && (12 * frequency) % shorter.frequency == 0;
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
