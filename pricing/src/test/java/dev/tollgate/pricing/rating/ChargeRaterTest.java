package dev.tollgate.pricing.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.aggregation.MeterReadings;
import dev.tollgate.pricing.charge.ChargePricing;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChargeRaterTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final ChargePricing CENT = ChargePricing.parse("standard", Map.of("amount", "0.01"));

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
    }

    private static MeterReading sum(String value, Instant at) {
        return MeterReadings.read(Aggregation.SUM, "seconds", true, Map.of("seconds", value), at);
    }

    @Test
    void shouldEmitTheChangeOfThePeriodAmountPerEvent() {
        final ChargeRater rater = new ChargeRater(Aggregation.SUM, CENT);
        final RatingStep first = rater.rate(ChargeState.empty(), sum("60", T0));
        final RatingStep second = rater.rate(first.next(), sum("30.5", T0));
        // 60 x 0.01 = 0.6, then 90.5 x 0.01 = 0.905 => delta 0.305
        assertAmount("0.6", first.delta());
        assertAmount("0.305", second.delta());
        assertAmount("0.905", second.next().amount());
        assertEquals(2, second.next().events());
    }

    @Test
    void shouldPriceTheGraduatedFlatAmountWithTheFirstEvent() {
        final ChargePricing graduated = ChargePricing.parse("graduated", Map.of("graduated_ranges", List.of(
                Map.of("from_value", 0, "to_value", 10, "per_unit_amount", "1", "flat_amount", "5"),
                Map.of("from_value", 11, "per_unit_amount", "0.5", "flat_amount", "2"))));
        final ChargeRater rater = new ChargeRater(Aggregation.COUNT, graduated);
        // a period without events still owes the first flat amount
        assertAmount("5", rater.amountDue(ChargeState.empty()));
        ChargeState state = ChargeState.empty();
        BigDecimal deltas = BigDecimal.ZERO;
        for (int i = 0; i < 11; i++) {
            final RatingStep step = rater.rate(state, MeterReading.of(T0, BigDecimal.ONE));
            deltas = deltas.add(step.delta());
            state = step.next();
        }
        // 11 = 10 (tier1) + 1 (tier2) => 10 + 5 + 0.5 + 2 = 17.5
        assertAmount("17.5", deltas);
        assertAmount("17.5", rater.amountDue(state));
    }

    @Test
    void shouldKeepTheNewestValueForLatestEvenWhenAnOlderEventArrivesLate() {
        final ChargeRater rater = new ChargeRater(Aggregation.LATEST, CENT);
        final ChargeState newest = rater.rate(ChargeState.empty(), sum("500", T0.plusSeconds(60))).next();
        final RatingStep late = rater.rate(newest, sum("100", T0));
        assertAmount("500", late.next().units());
        assertAmount("0", late.delta());
        // a newer value may lower the amount: 200 x 0.01 - 500 x 0.01 = -3
        final RatingStep lower = rater.rate(late.next(), sum("200", T0.plusSeconds(120)));
        assertAmount("-3", lower.delta());
        assertEquals(T0.plusSeconds(120), lower.next().latestAt());
    }

    @Test
    void shouldTakeTheFirstValueAsMaxEvenWhenNegative() {
        final ChargeRater rater = new ChargeRater(Aggregation.MAX, CENT);
        final ChargeState state = rater.ratePeriod(List.of(sum("-5", T0), sum("-7", T0)));
        assertAmount("-5", state.units());
        assertAmount("12", rater.ratePeriod(List.of(sum("3", T0), sum("12", T0), sum("7", T0))).units());
    }

    @Test
    void shouldCountDistinctValuesOnce() {
        final ChargeRater rater = new ChargeRater(Aggregation.UNIQUE_COUNT, CENT);
        final ChargeState state = rater.ratePeriod(List.of(
                MeterReadings.read(Aggregation.UNIQUE_COUNT, "user", Map.of("user", "b"), T0),
                MeterReadings.read(Aggregation.UNIQUE_COUNT, "user", Map.of("user", "a"), T0),
                MeterReadings.read(Aggregation.UNIQUE_COUNT, "user", Map.of("user", "b"), T0)));
        assertAmount("2", state.units());
        assertEquals(List.of("a", "b"), state.distinctValues());
        assertEquals(3, state.events());
    }

    @Test
    void shouldCountDistinctValuesKeptByTheCallerWithoutGrowingTheState() {
        final ChargeRater rater = new ChargeRater(Aggregation.UNIQUE_COUNT, CENT);
        final Set<String> counted = new HashSet<>();
        ChargeState state = ChargeState.empty();
        for (String user : List.of("b", "a", "b", "c")) {
            final MeterReading reading = MeterReadings.read(Aggregation.UNIQUE_COUNT, "user", Map.of("user", user), T0);
            state = rater.rate(state, reading, counted::contains).next();
            counted.add(user);
        }
        // b, a, c: 3 distinct users x 0.01 = 0.03
        assertAmount("3", state.units());
        assertAmount("0.03", state.amount());
        assertEquals(List.of(), state.distinctValues());
        // a state stored before the values moved out still counts its listed values once
        final ChargeState listed = new ChargeState(BigDecimal.ONE, 1, new BigDecimal("0.01"), List.of("a"), null,
                null, 0, null);
        assertAmount("1", rater.rate(listed, MeterReadings.read(Aggregation.UNIQUE_COUNT, "user",
                Map.of("user", "a"), T0), value -> false).next().units());
    }

    @Test
    void shouldPriceDynamicChargesFromTheEventsOwnAmounts() {
        final ChargeRater rater = new ChargeRater(Aggregation.SUM, ChargePricing.parse("dynamic", Map.of()));
        final MeterReading first = MeterReadings.readWithOwnAmount(Aggregation.SUM, "tokens", true, Map.of("tokens", 20),
                T0, "40.2", "USD");
        final RatingStep step = rater.rate(ChargeState.empty(), first);
        // 40.2 cents = 0.402 USD, as Lago divides precise_total_amount_cents by the currency's subunit
        assertAmount("0.402", step.delta());
        final MeterReading refund = MeterReadings.readWithOwnAmount(Aggregation.SUM, "tokens", true, Map.of("tokens", -20),
                T0, "10", "USD");
        // units back to 0: Lago charges nothing for a dynamic charge with no units
        assertAmount("-0.402", rater.rate(step.next(), refund).delta());
    }

    @Test
    void shouldRejectModelsLagoDoesNotAllowOnTheAggregation() {
        assertEquals("model", assertThrows(InvalidPricingException.class, () -> new ChargeRater(Aggregation.COUNT,
                ChargePricing.parse("dynamic", Map.of()))).errors().get(0).field());
        assertThrows(InvalidPricingException.class, () -> new ChargeRater(Aggregation.LATEST,
                ChargePricing.parse("percentage", Map.of("rate", "1"))));
        assertThrows(InvalidPricingException.class, () -> new ChargeRater(Aggregation.LATEST,
                ChargePricing.parse("graduated_percentage", Map.of("graduated_percentage_ranges",
                        List.of(Map.of("from_value", 0, "rate", "1", "flat_amount", "0"))))));
    }

    @Test
    void shouldPricePercentageOnMaxFromTheRiseOfTheMax() {
        final ChargeRater rater = new ChargeRater(Aggregation.MAX,
                ChargePricing.parse("percentage", Map.of("rate", "10", "fixed_amount", "1")));
        final ChargeState state = rater.ratePeriod(List.of(sum("100", T0), sum("50", T0), sum("150", T0)));
        // 150 x 10 % + 3 events x 1 = 18
        assertAmount("18", state.amount());
    }
}
