package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.validation.Errors;
import dev.tollgate.pricing.validation.FieldNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks the one class that prices a charge model, as Lago's charge-model factory does, and refuses every
 * property the model does not take: Lago drops such a property silently, so {@code free_units} written on a
 * standard charge would bill every unit without a word.
 */
final class ChargePricingFactory {

    /** Lago's former name for pricing_group_keys, still accepted there during its deprecation. */
    private static final String LEGACY_GROUP_KEY = "grouped_by";
    private static final String GROUP_KEY = "pricing_group_keys";
    /** An event carries at most 64 properties, each named in at most 128 characters: a key beyond names none. */
    private static final int MAX_GROUP_KEYS = 64;
    private static final int MAX_GROUP_KEY_LENGTH = 128;
    /** Properties Lago knows that Tollgate does not implement, with why. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "presentation_group_keys", "is not supported: a statement shows one line per charge and pricing group"
                    + " (pricing_group_keys); there is no separate presentation grouping",
            "custom_properties", "is not supported: it feeds Lago's custom aggregation scripts, which Tollgate"
                    + " does not run; a custom charge gives its price as expression and variables");

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
            case CUSTOM -> CustomPricing.parse(reader);
            default -> throw new IllegalStateException("unhandled charge model " + type);
        };
        final List<String> groupKeys = groupKeys(properties, reader);
        refuseOthers(type, properties, reader);
        errors.throwIfAny();
        return new ChargeDefinition(pricing, groupKeys);
    }

    private static void refuseOthers(ChargeModelType type, Map<String, Object> properties, PropertyReader reader) {
        if (properties == null) {
            return;
        }
        for (final String name : properties.keySet()) {
            if (type.properties().contains(name) || GROUP_KEY.equals(name) || LEGACY_GROUP_KEY.equals(name)) {
                continue;
            }
            final String field = reader.path(FieldNames.printable(name));
            if (UNSUPPORTED.containsKey(name)) {
                reader.errors().add(field, UNSUPPORTED.get(name));
                continue;
            }
            final StringBuilder message = new StringBuilder("is not a property of the ").append(type.wireName())
                    .append(" model, which takes ");
            for (final String own : type.properties()) {
                message.append(own).append(", ");
            }
            message.append(GROUP_KEY);
            for (final ChargeModelType other : ChargeModelType.values()) {
                if (other.properties().contains(name)) {
                    message.append("; ").append(name).append(" belongs to the ").append(other.wireName())
                            .append(" model");
                    break;
                }
            }
            reader.errors().add(field, message.toString());
        }
    }

    private static List<String> groupKeys(Map<String, Object> properties, PropertyReader reader) {
        if (properties != null && properties.get(GROUP_KEY) != null && properties.get(LEGACY_GROUP_KEY) != null) {
            reader.errors().add(reader.path(LEGACY_GROUP_KEY), "is the former name of pricing_group_keys; give"
                    + " one of them, not both");
        }
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
        if (list.size() > MAX_GROUP_KEYS) {
            reader.errors().add(reader.path(key), "must list at most " + MAX_GROUP_KEYS + " property names");
            return List.of();
        }
        final List<String> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String name && !name.isBlank() && name.length() <= MAX_GROUP_KEY_LENGTH
                    && FieldNames.printable(name).equals(name)) {
                keys.add(name);
            } else {
                reader.errors().add(reader.path(key) + "[" + i + "]", "must be a non-empty property name of at most "
                        + MAX_GROUP_KEY_LENGTH + " printable characters");
            }
        }
        return keys;
    }
}
