package dev.tollgate.pricing.aggregation;

import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Reads what one event contributes to a meter, rejecting events the meter cannot aggregate. */
public final class MeterReadings {

    private MeterReadings() {
    }

    /**
     * The event's contribution to a meter. Count ignores properties; sum, max and latest need a number; unique_count
     * needs any non-null scalar and counts its string form.
     */
    public static MeterReading read(Aggregation aggregation, String field, Map<String, Object> properties, Instant at) {
        if (at == null) {
            throw InvalidPricingException.of("timestamp", "the event has no timestamp");
        }
        switch (aggregation) {
            case COUNT:
                return MeterReading.of(at, BigDecimal.ONE);
            case SUM:
            case MAX:
            case LATEST:
                return MeterReading.of(at, number(field, properties));
            case UNIQUE_COUNT:
                return new MeterReading(at, BigDecimal.ONE, distinct(field, properties), null);
            default:
                throw new IllegalStateException("unhandled aggregation " + aggregation);
        }
    }

    /**
     * The contribution of an event to a dynamic charge: the meter's reading plus the amount the event carries, given as
     * Lago's {@code precise_total_amount_cents} (minor units of the currency, decimals allowed) and kept in currency
     * units at full precision. As in Lago, an event without it adds nothing to the amount.
     */
    public static MeterReading readWithOwnAmount(Aggregation aggregation, String field,
            Map<String, Object> properties, Instant at, Object preciseTotalAmountCents, String currency) {
        final MeterReading reading = read(aggregation, field, properties, at);
        if (preciseTotalAmountCents == null) {
            return new MeterReading(reading.at(), reading.value(), reading.distinctValue(), BigDecimal.ZERO);
        }
        final BigDecimal cents = Decimals.parse(preciseTotalAmountCents);
        if (cents == null) {
            throw InvalidPricingException.of("precise_total_amount_cents",
                    "must be a number or a decimal string, got '" + preciseTotalAmountCents + "'");
        }
        final int minorUnits;
        try {
            minorUnits = Currencies.minorUnits(currency);
        } catch (IllegalArgumentException e) {
            throw InvalidPricingException.of("currency", e.getMessage());
        }
        return new MeterReading(reading.at(), reading.value(), reading.distinctValue(),
                cents.movePointLeft(minorUnits));
    }

    private static Object required(String field, Map<String, Object> properties) {
        if (field == null || field.isBlank()) {
            throw InvalidPricingException.of("field", "the meter aggregates a property but names no field");
        }
        final Object raw = properties == null ? null : properties.get(field);
        if (raw == null) {
            throw InvalidPricingException.of("properties." + field, "is required by the meter and missing");
        }
        return raw;
    }

    private static BigDecimal number(String field, Map<String, Object> properties) {
        final Object raw = required(field, properties);
        final BigDecimal value = Decimals.parse(raw);
        if (value == null) {
            throw InvalidPricingException.of("properties." + field,
                    "must be a number or a decimal string, got '" + raw + "'");
        }
        return value;
    }

    private static String distinct(String field, Map<String, Object> properties) {
        final Object raw = required(field, properties);
        if (raw instanceof Map || raw instanceof Iterable) {
            throw InvalidPricingException.of("properties." + field, "must be a single value to be counted as distinct");
        }
        return PropertyFilters.asText(raw);
    }
}
