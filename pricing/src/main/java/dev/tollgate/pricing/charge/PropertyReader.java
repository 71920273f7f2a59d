package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.Errors;
import dev.tollgate.pricing.validation.FieldNames;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads charge properties while recording every problem under its full path ({@code properties.x}), so a parse
 * reports all errors at once.
 */
final class PropertyReader {

    /** Ranges a charge may list: far beyond any price list, and every event of the charge walks them. */
    static final int MAX_RANGES = 100;

    private final Map<String, Object> properties;
    private final String prefix;
    private final Errors errors;

    PropertyReader(Map<String, Object> properties, String prefix, Errors errors) {
        this.properties = properties == null ? Map.of() : properties;
        this.prefix = prefix;
        this.errors = errors;
    }

    static PropertyReader of(Map<String, Object> properties, Errors errors) {
        return new PropertyReader(properties, "properties", errors);
    }

    Errors errors() {
        return errors;
    }

    String path(String key) {
        return prefix + "." + key;
    }

    /** The raw value, or null when absent, for a model that reads more than numbers. */
    Object value(String key) {
        return properties.get(key);
    }

    boolean has(String key) {
        return properties.get(key) != null;
    }

    /** A required decimal amount that must not be negative. */
    BigDecimal amount(String key) {
        if (!has(key)) {
            errors.add(path(key), "is required");
            return BigDecimal.ZERO;
        }
        return nonNegative(key);
    }

    /** An optional decimal amount that must not be negative when present; null when absent. */
    BigDecimal optionalAmount(String key) {
        return has(key) ? nonNegative(key) : null;
    }

    /** A required percentage between 0 and 100. */
    BigDecimal rate(String key) {
        final BigDecimal rate = amount(key);
        if (!Percent.isPercentage(rate)) {
            errors.add(path(key), "must be between 0 and 100: it is a percentage (2.5 means 2.5 %)");
            return BigDecimal.ZERO;
        }
        return rate;
    }

    /** An optional whole number; null when absent. */
    BigInteger optionalWhole(String key) {
        if (!has(key)) {
            return null;
        }
        final BigDecimal decimal = Decimals.parseBounded(properties.get(key), "must be a whole number",
                problem -> errors.add(path(key), problem));
        if (decimal == null) {
            return null;
        }
        final BigInteger value = Decimals.parseWhole(decimal);
        if (value == null) {
            errors.add(path(key), "must be a whole number");
        }
        return value;
    }

    /** A list of objects (ranges), or null with an error when absent or not a list of objects. */
    List<Map<String, Object>> objects(String key) {
        final Object raw = properties.get(key);
        if (raw == null) {
            errors.add(path(key), "is required and must list at least one range");
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            errors.add(path(key), "must be a list of ranges");
            return null;
        }
        if (list.isEmpty()) {
            errors.add(path(key), "must list at least one range");
            return null;
        }
        if (list.size() > MAX_RANGES) {
            errors.add(path(key), "must list at most " + MAX_RANGES + " ranges");
            return null;
        }
        boolean allObjects = true;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                errors.add(path(key) + "[" + i + "]", "must be an object");
                allObjects = false;
            }
        }
        if (!allObjects) {
            return null;
        }
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> ranges = (List<Map<String, Object>>) list;
        return ranges;
    }

    PropertyReader nested(Map<String, Object> child, String childPath) {
        return new PropertyReader(child, childPath, errors);
    }

    /** Refuses every key but {@code known}: a misspelt price would otherwise read as absent. */
    void refuseOthers(List<String> known, String what) {
        for (final String key : properties.keySet()) {
            if (!known.contains(key)) {
                errors.add(path(FieldNames.printable(key)), "is not a field of " + what + ", which takes "
                        + String.join(", ", known));
            }
        }
    }

    private BigDecimal nonNegative(String key) {
        final BigDecimal value = Decimals.parseBounded(properties.get(key),
                "must be a decimal number or a decimal string such as \"0.01\"",
                problem -> errors.add(path(key), problem));
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value.signum() < 0) {
            errors.add(path(key), "must not be negative");
            return BigDecimal.ZERO;
        }
        return value;
    }
}
