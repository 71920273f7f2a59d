package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.validation.InvalidPricingException;

/** The charge models Tollgate prices, named as Lago names them on the wire. */
public enum ChargeModelType {
    STANDARD("standard"),
    GRADUATED("graduated"),
    VOLUME("volume"),
    PACKAGE("package"),
    PERCENTAGE("percentage"),
    GRADUATED_PERCENTAGE("graduated_percentage"),
    DYNAMIC("dynamic");

    private final String wireName;

    ChargeModelType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ChargeModelType fromWire(String s) {
        for (ChargeModelType type : values()) {
            if (type.wireName.equals(s)) {
                return type;
            }
        }
        if ("custom".equals(s)) {
            // Lago's custom model runs a customer-supplied script; a deterministic rater cannot run arbitrary code.
            throw InvalidPricingException.of("model",
                    "the custom charge model is not supported; use standard, graduated, volume, package, percentage,"
                            + " graduated_percentage or dynamic");
        }
        throw InvalidPricingException.of("model", "unknown charge model '" + s + "'; expected one of standard,"
                + " graduated, volume, package, percentage, graduated_percentage, dynamic");
    }
}
