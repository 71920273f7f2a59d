package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.validation.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Picks the one class that prices a charge model, as Lago's charge-model factory does. */
final class ChargePricingFactory {

    /** Lago's former name for pricing_group_keys, still accepted there during its deprecation. */
    private static final String LEGACY_GROUP_KEY = "grouped_by";
    private static final String GROUP_KEY = "pricing_group_keys";

    private ChargePricingFactory() {
    }

    static ChargeDefinition parse(String model, Map<String, Object> properties) {
        final ChargeModelType type = ChargeModelType.fromWire(model);
        final Errors errors = new Errors();
        final PropertyReader reader = PropertyReader.of(properties, errors);
        final ChargePricing pricing = switch (type) {
            case STANDARD -> StandardPricing.parse(reader);
            case GRADUATED -> GraduatedPricing.parse(reader);
            case VOLUME -> VolumePricing.parse(reader);
            case PACKAGE -> PackagePricing.parse(reader);
            case PERCENTAGE -> PercentagePricing.parse(reader);
            case GRADUATED_PERCENTAGE -> GraduatedPercentagePricing.parse(reader);
            case DYNAMIC -> DynamicPricing.parse(reader);
            default -> throw new IllegalStateException("unhandled charge model " + type);
        };
        final List<String> groupKeys = groupKeys(properties, reader);
        errors.throwIfAny();
        return new ChargeDefinition(pricing, groupKeys);
    }

    private static List<String> groupKeys(Map<String, Object> properties, PropertyReader reader) {
        final String key = properties != null && properties.get(GROUP_KEY) == null
                && properties.get(LEGACY_GROUP_KEY) != null ? LEGACY_GROUP_KEY : GROUP_KEY;
        final Object raw = properties == null ? null : properties.get(key);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            reader.errors().add(reader.path(key), "must be a list of property names");
            return List.of();
        }
        final List<String> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String name && !name.isBlank()) {
                keys.add(name);
            } else {
                reader.errors().add(reader.path(key) + "[" + i + "]", "must be a non-empty property name");
            }
        }
        return keys;
    }
}
