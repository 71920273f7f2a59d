package dev.tollgate.pricing.charge;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds charge properties as a JSON parser hands them over. */
final class Props {

    private Props() {
    }

    static Map<String, Object> of(Object... keyValues) {
        final Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static Map<String, Object> range(Object from, Object to, String priceKey, Object price, Object flat) {
        return of("from_value", from, "to_value", to, priceKey, price, "flat_amount", flat);
    }

    @SafeVarargs
    static List<Map<String, Object>> ranges(Map<String, Object>... ranges) {
        return Arrays.asList(ranges);
    }
}
