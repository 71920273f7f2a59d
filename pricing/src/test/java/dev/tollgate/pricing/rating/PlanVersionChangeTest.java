package dev.tollgate.pricing.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.charge.ChargePricing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new plan version mid-period prices the events after it; units rated before keep their price. */
class PlanVersionChangeTest {

    private static final Instant AT = Instant.parse("2026-03-10T00:00:00Z");

    private static ChargeRater rater(final String model, final Map<String, Object> properties) {
        return new ChargeRater(Aggregation.SUM, ChargePricing.parse(model, properties));
    }

    @Test
    void shouldPriceEventsAfterTheChangeAtTheNewVersionOnly() {
        final RatingStep first = rater("standard", Map.of("amount", "0.002"))
            .rate(ChargeState.empty(), MeterReading.of(AT, new BigDecimal("125")));
        final RatingStep second = rater("standard", Map.of("amount", "0.003"))
            .rate(first.next(), MeterReading.of(AT, new BigDecimal("100")));
        // 125 x 0.002 = 0.250 under v1; 100 x 0.003 = 0.300 under v2; the period owes 0.550
        assertEquals(0, new BigDecimal("0.250").compareTo(first.delta()));
        assertEquals(0, new BigDecimal("0.300").compareTo(second.delta()));
        assertEquals(0, new BigDecimal("0.550").compareTo(second.next().amount()));
    }

    @Test
    void shouldPriceTheNewVersionsTiersFromWhereThePeriodStands() {
        final RatingStep first = rater("standard", Map.of("amount", "1"))
            .rate(ChargeState.empty(), MeterReading.of(AT, new BigDecimal("8")));
        final Map<String, Object> tiers = Map.of("graduated_ranges", List.of(
            Map.of("from_value", 0, "to_value", 10, "per_unit_amount", "0", "flat_amount", "0"),
            Map.of("from_value", 10, "per_unit_amount", "2", "flat_amount", "0")));
        final RatingStep second = rater("graduated", tiers).rate(first.next(), MeterReading.of(AT,
            new BigDecimal("5")));
        // v2 prices units 9..13 given 8 already used: 2 free (to 10) + 3 x 2 = 6; v1's 8 x 1 = 8 stays
        assertEquals(0, new BigDecimal("6").compareTo(second.delta()));
        assertEquals(0, new BigDecimal("14").compareTo(second.next().amount()));
    }
}
