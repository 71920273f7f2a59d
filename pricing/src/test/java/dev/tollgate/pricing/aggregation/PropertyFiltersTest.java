package dev.tollgate.pricing.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyFiltersTest {

    private static final Map<String, List<String>> INBOUND = Map.of("direction", List.of("inbound"));
    private static final Map<String, List<String>> OUTBOUND = Map.of("direction", List.of("outbound"));

    @Test
    void shouldSplitOneMeterIntoTwoSlices() {
        final Map<String, Object> inboundCall = Map.of("direction", "inbound", "seconds", 60);
        final Map<String, Object> outboundCall = Map.of("direction", "outbound", "seconds", 30);
        assertTrue(PropertyFilters.matches(INBOUND, inboundCall));
        assertFalse(PropertyFilters.matches(OUTBOUND, inboundCall));
        assertTrue(PropertyFilters.matches(OUTBOUND, outboundCall));
        assertFalse(PropertyFilters.matches(INBOUND, outboundCall));
    }

    @Test
    void shouldRequireEveryKeyToMatchOneOfItsValues() {
        final Map<String, List<String>> filters = Map.of("direction", List.of("inbound", "outbound"),
                "country", List.of("FR"));
        assertTrue(PropertyFilters.matches(filters, Map.of("direction", "outbound", "country", "FR")));
        assertFalse(PropertyFilters.matches(filters, Map.of("direction", "outbound", "country", "DE")));
        assertFalse(PropertyFilters.matches(filters, Map.of("direction", "outbound")));
    }

    @Test
    void shouldCompareNumbersAndBooleansAsTheirJsonText() {
        assertTrue(PropertyFilters.matches(Map.of("tier", List.of("3")), Map.of("tier", 3)));
        assertTrue(PropertyFilters.matches(Map.of("tier", List.of("0.5")), Map.of("tier", 0.5d)));
        assertTrue(PropertyFilters.matches(Map.of("vip", List.of("true")), Map.of("vip", true)));
    }

    @Test
    void shouldMatchEverythingWithoutFilters() {
        assertTrue(PropertyFilters.matches(null, Map.of()));
        assertTrue(PropertyFilters.matches(Map.of(), null));
        assertFalse(PropertyFilters.matches(INBOUND, null));
    }

    @Test
    void shouldGroupByPricingGroupKeysWithNullForMissingValues() {
        assertEquals(Arrays.asList("eu", null), PricingGroups.groupOf(List.of("region", "plan"),
                new HashMap<>(Map.of("region", "eu"))));
        assertEquals(List.of(), PricingGroups.groupOf(List.of(), Map.of("region", "eu")));
    }
}
