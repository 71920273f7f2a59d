package dev.tollgate.pricing.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChargeFiltersTest {

    private static final Map<String, List<String>> ALL = Map.of();
    private static final Map<String, List<String>> INBOUND = Map.of("direction", List.of("inbound"));
    private static final Map<String, List<String>> OUTBOUND = Map.of("direction", List.of("outbound"));
    private static final Map<String, List<String>> EU = Map.of("region", List.of("eu"));
    private static final Map<String, List<String>> INBOUND_EU =
            Map.of("direction", List.of("inbound"), "region", List.of("eu"));

    @Test
    void shouldGiveAnEventToTheFilteredChargeAndTheRestToTheDefault() {
        final List<Map<String, List<String>>> charges = List.of(ALL, INBOUND, OUTBOUND);
        assertEquals(1, ChargeFilters.pick(charges, Map.of("direction", "inbound")));
        assertEquals(2, ChargeFilters.pick(charges, Map.of("direction", "outbound")));
        // no filter matched: the charge without filters is the default price
        assertEquals(0, ChargeFilters.pick(charges, Map.of("direction", "internal")));
        assertEquals(0, ChargeFilters.pick(charges, Map.of()));
    }

    @Test
    void shouldPriceNothingWhenNoFilterMatchesAndThereIsNoDefault() {
        assertEquals(ChargeFilters.NONE, ChargeFilters.pick(List.of(INBOUND, OUTBOUND), Map.of("direction", "x")));
        assertEquals(ChargeFilters.NONE, ChargeFilters.pick(List.of(), Map.of()));
    }

    @Test
    void shouldLetTheMostSpecificFilterWinWhereAPlanHoldsOverlappingOnes() {
        // only a plan written around the API's check holds these: the one with more keys, then plan order
        assertEquals(1, ChargeFilters.pick(List.of(INBOUND, INBOUND_EU), Map.of("direction", "inbound", "region", "eu")));
        assertEquals(0, ChargeFilters.pick(List.of(INBOUND, EU), Map.of("direction", "inbound", "region", "eu")));
        assertEquals(0, ChargeFilters.pick(List.of(ALL, ALL), Map.of()));
    }

    @Test
    void shouldTellFiltersThatOneEventCouldMatchBoth() {
        assertFalse(ChargeFilters.overlap(INBOUND, OUTBOUND));
        assertTrue(ChargeFilters.overlap(INBOUND, EU), "an inbound call from the eu matches both");
        assertTrue(ChargeFilters.overlap(INBOUND, INBOUND_EU));
        assertTrue(ChargeFilters.overlap(Map.of("direction", List.of("inbound", "outbound")), OUTBOUND));
        assertFalse(ChargeFilters.overlap(INBOUND_EU, Map.of("direction", List.of("inbound"), "region", List.of("us"))));
    }

    @Test
    void shouldSeeAConflictBetweenTwoDefaultsOrOverlappingFiltersOnly() {
        assertTrue(ChargeFilters.conflict(ALL, ALL));
        assertFalse(ChargeFilters.conflict(ALL, INBOUND), "a default beside a filtered charge is the rule");
        assertFalse(ChargeFilters.conflict(INBOUND, OUTBOUND));
        assertTrue(ChargeFilters.conflict(INBOUND, EU));
    }
}
