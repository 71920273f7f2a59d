package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.validation.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks the from_value / to_value bounds of a list of ranges. A range list must start at 0, leave no gap
 * and no overlap, and end open (to_value null) so that every unit has a price.
 *
 * <p>Lago writes ranges two ways: whole-unit ranges (0..100, 101..200) and adjacent ranges (0..100, 100..200).
 * Either way a range prices the units above the previous range's to_value, so the arithmetic only ever reads
 * to_value; from_value is checked for consistency.
 */
final class RangeBounds {

    /** Which from_value may follow a range that ends at to_value. */
    enum Joint {
        /** Graduated and graduated percentage accept both to_value and to_value + 1, as Lago does. */
        ADJACENT_OR_NEXT_UNIT,
        /** Volume accepts only to_value + 1, as Lago does. */
        NEXT_UNIT
    }

    /** Bounds of one range; {@code to} is null for the open last range. */
    record Bounds(BigDecimal from, BigDecimal to) {
    }

    /** Reads the prices of one range, once its bounds are known, so errors come out range by range. */
    interface RangeReader<T> {
        T read(Bounds bounds, PropertyReader range);
    }

    private RangeBounds() {
    }

    /**
     * @param priceKeys the price fields a range takes besides its bounds; any other field is refused
     */
    static <T> List<T> read(PropertyReader properties, String key, Joint joint, List<String> priceKeys,
            RangeReader<T> reader) {
        final List<String> fields = new ArrayList<>(List.of("from_value", "to_value"));
        fields.addAll(priceKeys);
        final List<Map<String, Object>> ranges = properties.objects(key);
        if (ranges == null) {
            return List.of();
        }
        final List<T> read = new ArrayList<>(ranges.size());
        BigDecimal previousTo = null;
        for (int i = 0; i < ranges.size(); i++) {
            final String path = properties.path(key) + "[" + i + "]";
            final Map<String, Object> range = ranges.get(i);
            final boolean last = i == ranges.size() - 1;
            final BigDecimal from = bound(properties, range, path, "from_value", true);
            final BigDecimal to = bound(properties, range, path, "to_value", false);
            if (from != null) {
                checkFrom(properties, path, i, from, previousTo, joint);
            }
            if (last && range.get("to_value") != null) {
                properties.errors().add(path + ".to_value",
                        "must be null: the last range is open-ended so that every unit has a price");
            } else if (!last && range.get("to_value") == null) {
                properties.errors().add(path + ".to_value",
                        "is required: only the last range may be open-ended (to_value null)");
            } else if (!last && to != null && from != null && to.compareTo(from) <= 0) {
                properties.errors().add(path + ".to_value",
                        "must be greater than from_value (" + from.toPlainString() + ")");
            }
            final PropertyReader prices = properties.nested(range, path);
            read.add(reader.read(new Bounds(from == null ? BigDecimal.ZERO : from, last ? null : to), prices));
            prices.refuseOthers(fields, "a range of " + key);
            previousTo = to;
        }
        return read;
    }

    private static void checkFrom(PropertyReader properties, String path, int index, BigDecimal from,
            BigDecimal previousTo, Joint joint) {
        final String field = path + ".from_value";
        if (index == 0) {
            if (from.signum() != 0) {
                properties.errors().add(field, "must be 0: the first range starts at zero units");
            }
            return;
        }
        if (previousTo == null) {
            return;
        }
        final BigDecimal nextUnit = previousTo.add(BigDecimal.ONE);
        final boolean fits = switch (joint) {
            case ADJACENT_OR_NEXT_UNIT -> from.compareTo(previousTo) == 0 || from.compareTo(nextUnit) == 0;
            case NEXT_UNIT -> from.compareTo(nextUnit) == 0;
            default -> throw new IllegalStateException("unhandled joint " + joint);
        };
        if (fits) {
            return;
        }
        final String expected = switch (joint) {
            case ADJACENT_OR_NEXT_UNIT -> previousTo.toPlainString() + " or " + nextUnit.toPlainString();
            case NEXT_UNIT -> nextUnit.toPlainString();
            default -> throw new IllegalStateException("unhandled joint " + joint);
        };
        final boolean overlaps = from.compareTo(previousTo) < 0
                || joint == Joint.NEXT_UNIT && from.compareTo(nextUnit) < 0;
        final String problem = overlaps ? "overlaps the previous range" : "leaves a gap after the previous range";
        properties.errors().add(field, problem + " (which ends at " + previousTo.toPlainString() + "): expected "
                + expected);
    }

    private static BigDecimal bound(PropertyReader properties, Map<String, Object> range, String path, String key,
            boolean required) {
        final Object raw = range.get(key);
        if (raw == null) {
            if (required) {
                properties.errors().add(path + "." + key, "is required");
            }
            return null;
        }
        final BigDecimal value = Decimals.parseBounded(raw, "must be a number",
                problem -> properties.errors().add(path + "." + key, problem));
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            properties.errors().add(path + "." + key, "must not be negative");
            return null;
        }
        return value;
    }
}
