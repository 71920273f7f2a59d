package dev.tollgate.pricing.aggregation;

import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Reads what one event contributes to a meter, rejecting events the meter cannot aggregate. */
public final class MeterReadings {

    private static final int SHOWN_CHARS = 64;

    private MeterReadings() {
    }

    /**
     * The event's contribution to a meter that refuses negative values: see
     * {@link #read(Aggregation, String, boolean, Map, Instant)}.
     */
    public static MeterReading read(Aggregation aggregation, String field, Map<String, Object> properties, Instant at) {
        return read(aggregation, field, false, properties, at);
    }

    /**
     * The event's contribution to a meter. Count ignores properties; sum, max and latest need a number; unique_count
     * needs any non-null scalar and counts its string form. A negative value on a sum meter lowers the period's units
     * (and re-opens an enforced limit), so it is refused unless the meter allows it ({@code allow_negative}); max and
     * latest take negative values as they are (a temperature, a balance).
     */
    public static MeterReading read(Aggregation aggregation, String field, boolean allowNegative,
            Map<String, Object> properties, Instant at) {
        if (at == null) {
            throw InvalidPricingException.of("timestamp", "the event has no timestamp");
        }
        switch (aggregation) {
            case COUNT:
                return MeterReading.of(at, BigDecimal.ONE);
            case SUM:
                return MeterReading.of(at, signed("properties." + field, number(field, properties), allowNegative));
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
     * units at full precision. As in Lago, an event without it adds nothing to the amount, and the cents are divided by
     * the currency's ISO 4217 subunit (Lago's {@code subunit_to_unit}): 150000 IDR cents are 1500 IDR, although IDR
     * statements round to whole rupiah. A negative amount lowers the bill as a negative value does, so it takes a meter
     * that allows negative values.
     */
    public static MeterReading readWithOwnAmount(Aggregation aggregation, String field, boolean allowNegative,
            Map<String, Object> properties, Instant at, Object preciseTotalAmountCents, String currency) {
        final MeterReading reading = read(aggregation, field, allowNegative, properties, at);
        if (preciseTotalAmountCents == null) {
            return new MeterReading(reading.at(), reading.value(), reading.distinctValue(), BigDecimal.ZERO);
        }
        final BigDecimal cents = signed("precise_total_amount_cents",
                bounded("precise_total_amount_cents", preciseTotalAmountCents), allowNegative);
        final int minorUnits;
        try {
            minorUnits = Currencies.isoMinorUnits(currency);
        } catch (IllegalArgumentException e) {
            throw InvalidPricingException.of("currency", e.getMessage());
        }
        return new MeterReading(reading.at(), reading.value(), reading.distinctValue(),
                cents.movePointLeft(minorUnits));
    }

    private static BigDecimal signed(String path, BigDecimal value, boolean allowNegative) {
        if (!allowNegative && value.signum() < 0) {
            throw InvalidPricingException.of(path, "must not be negative: the meter does not allow negative values"
                    + " (allow_negative)");
        }
        return value;
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
        return bounded("properties." + field, required(field, properties));
    }

    /**
     * The number an event carries, within {@link Decimals}' bounds: a string such as "1e-10000" would otherwise
     * pass as a number and be summed into an aggregate that no record can hold.
     */
    private static BigDecimal bounded(String path, Object raw) {
        return Decimals.parseBounded(raw, "must be a number or a decimal string, got '" + shown(raw) + "'",
                problem -> {
                    throw InvalidPricingException.of(path, problem);
                });
    }

    /** The value as it can be quoted in a reason: short, whatever the event sent. */
    private static String shown(Object raw) {
        final String text = String.valueOf(raw);
        if (text.length() <= SHOWN_CHARS) {
            return text;
        }
        final int end = Character.isHighSurrogate(text.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return text.substring(0, end) + "…";
    }

    private static String distinct(String field, Map<String, Object> properties) {
        final Object raw = required(field, properties);
        if (raw instanceof Map || raw instanceof Iterable) {
            throw InvalidPricingException.of("properties." + field, "must be a single value to be counted as distinct");
        }
        return PropertyFilters.asText(raw);
    }
}
