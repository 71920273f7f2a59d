package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.validation.InvalidPricingException;
import java.util.List;

/**
 * The charge models Tollgate prices, named as Lago names them on the wire, each with the properties it takes
 * (Lago's per-model property lists; {@code pricing_group_keys} is taken by every model besides these).
 */
public enum ChargeModelType {
    STANDARD("standard", List.of("amount")),
    GRADUATED("graduated", List.of("graduated_ranges")),
    VOLUME("volume", List.of("volume_ranges")),
    PACKAGE("package", List.of("amount", "package_size", "free_units")),
    PERCENTAGE("percentage", List.of("rate", "fixed_amount", "free_units_per_events",
            "free_units_per_total_aggregation", "per_transaction_min_amount", "per_transaction_max_amount")),
    GRADUATED_PERCENTAGE("graduated_percentage", List.of("graduated_percentage_ranges")),
    DYNAMIC("dynamic", List.of()),
    CUSTOM("custom", List.of("expression", "variables"));

    private final String wireName;
    private final List<String> properties;

    ChargeModelType(String wireName, List<String> properties) {
        this.wireName = wireName;
        this.properties = properties;
    }

    public String wireName() {
        return wireName;
    }

    /** The model's own properties, without the grouping keys every model takes. */
    public List<String> properties() {
        return properties;
    }

    public static ChargeModelType fromWire(String s) {
        for (ChargeModelType type : values()) {
            if (type.wireName.equals(s)) {
                return type;
            }
        }
        throw InvalidPricingException.of("model", "unknown charge model '" + s + "'; expected one of standard,"
                + " graduated, volume, package, percentage, graduated_percentage, dynamic, custom");
    }
}
