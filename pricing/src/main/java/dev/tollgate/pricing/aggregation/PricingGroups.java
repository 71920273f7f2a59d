package dev.tollgate.pricing.aggregation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The group an event belongs to under a charge's pricing_group_keys: one value per key, in key order. As in Lago, an
 * event without one of the properties falls in the group where that value is null, so it is still priced.
 */
public final class PricingGroups {

    private PricingGroups() {
    }

    public static List<String> groupOf(List<String> groupKeys, Map<String, Object> properties) {
        if (groupKeys == null || groupKeys.isEmpty()) {
            return List.of();
        }
        final List<String> values = new ArrayList<>(groupKeys.size());
        for (String key : groupKeys) {
            final Object value = properties == null ? null : properties.get(key);
            values.add(value == null ? null : PropertyFilters.asText(value));
        }
        return Collections.unmodifiableList(values);
    }
}
