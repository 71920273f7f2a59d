package dev.tollgate.pricing.aggregation;

import dev.tollgate.pricing.validation.InvalidPricingException;

/** How a meter turns a period's events into units, named as Lago names its aggregation types. */
public enum Aggregation {
    COUNT("count"),
    SUM("sum"),
    MAX("max"),
    UNIQUE_COUNT("unique_count"),
    LATEST("latest");

    private final String wireName;

    Aggregation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Aggregation fromWire(String s) {
        for (Aggregation aggregation : values()) {
            if (aggregation.wireName.equals(s)) {
                return aggregation;
            }
        }
        throw InvalidPricingException.of("aggregation",
                "unknown aggregation '" + s + "'; expected one of count, sum, max, unique_count, latest");
    }

    /** Every aggregation but count reads a property of the event, named by the meter's field. */
    public boolean needsField() {
        return this != COUNT;
    }
}
