package dev.tollgate.pricing.charge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A charge's parsed properties: its pricing model and the event properties its usage is grouped by
 * ({@code pricing_group_keys}, Lago's name; each group is aggregated and priced on its own).
 */
public record ChargeDefinition(ChargePricing pricing, List<String> pricingGroupKeys) {

    public ChargeDefinition {
        Objects.requireNonNull(pricing, "pricing");
        pricingGroupKeys = List.copyOf(pricingGroupKeys);
    }

    /** Validates everything a charge's properties say, collecting every error. */
    public static ChargeDefinition parse(String model, Map<String, Object> properties) {
        return ChargePricingFactory.parse(model, properties);
    }
}
