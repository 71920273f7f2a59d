package dev.tollgate.pricing.aggregation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The normalized contribution of one event to one charge.
 *
 * @param at            the event time, used by {@code latest}
 * @param value         the meter field's number (1 for count; for unique_count 1 as well, the distinct value decides)
 * @param distinctValue the field as a string for unique_count, else null
 * @param ownAmount     the event's own amount in currency units for the dynamic model, else null
 */
public record MeterReading(Instant at, BigDecimal value, String distinctValue, BigDecimal ownAmount) {

    public MeterReading {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(value, "value");
    }

    public static MeterReading of(Instant at, BigDecimal value) {
        return new MeterReading(at, value, null, null);
    }
}
