package dev.tollgate.pricing.aggregation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Charge filters as Lago applies them: a property key with its allowed values, every key must match.
 * This is how two charges price two slices of one meter (direction in {inbound} and direction in {outbound}).
 */
public final class PropertyFilters {

    private PropertyFilters() {
    }

    public static boolean matches(Map<String, List<String>> filters, Map<String, Object> properties) {
        if (filters == null || filters.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            final Object value = properties == null ? null : properties.get(filter.getKey());
            if (value == null || filter.getValue() == null || !filter.getValue().contains(asText(value))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Properties are compared as the strings a JSON producer wrote: a numeric property 3 matches the filter value
     * "3", and a double keeps its shortest decimal form rather than a long binary expansion.
     */
    static String asText(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }
}
