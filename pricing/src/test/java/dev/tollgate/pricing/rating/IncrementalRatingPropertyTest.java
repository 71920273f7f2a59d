package dev.tollgate.pricing.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.charge.ChargeModelType;
import dev.tollgate.pricing.charge.ChargePricing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The rating invariants over random event sequences, for every model and every aggregation: the deltas of a period
 * add up exactly to the model applied to the period, and rating never mutates the state it started from.
 */
class IncrementalRatingPropertyTest {

    private static final Instant PERIOD_START = Instant.parse("2026-03-01T00:00:00Z");

    /** One generated event: its meter value, the value unique_count sees, its offset in seconds, its own amount. */
    record Event(BigDecimal value, String distinct, int second, BigDecimal ownAmount) {

        MeterReading reading(Aggregation aggregation) {
            final BigDecimal meterValue = aggregation == Aggregation.COUNT || aggregation == Aggregation.UNIQUE_COUNT
                    ? BigDecimal.ONE : value;
            return new MeterReading(PERIOD_START.plusSeconds(second), meterValue,
                    aggregation == Aggregation.UNIQUE_COUNT ? distinct : null, ownAmount);
        }
    }

    @Provide
    Arbitrary<ChargePricing> pricings() {
        return PricingArbitraries.anyUnitPricing();
    }

    @Provide
    Arbitrary<List<Event>> events() {
        final Arbitrary<BigDecimal> value = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("300")).ofScale(3),
                Arbitraries.bigDecimals().between(new BigDecimal("-20"), new BigDecimal("20")).ofScale(1),
                Arbitraries.integers().between(0, 120).map(BigDecimal::valueOf));
        final Arbitrary<Event> event = Combinators.combine(value,
                Arbitraries.strings().withChars("abcdef").ofMinLength(1).ofMaxLength(2),
                Arbitraries.integers().between(0, 3600),
                Arbitraries.bigDecimals().between(new BigDecimal("-5"), new BigDecimal("500")).ofScale(5))
                .as(Event::new);
        return event.list().ofMaxSize(60);
    }

    @Property(tries = 5000, edgeCases = EdgeCasesMode.MIXIN)
    void deltasAddUpToTheModelAppliedToThePeriod(@ForAll("pricings") ChargePricing pricing,
            @ForAll Aggregation aggregation, @ForAll("events") List<Event> events) {
        Assume.that(compatible(aggregation, pricing.type()));
        Statistics.label("model").collect(pricing.type());
        Statistics.label("aggregation").collect(aggregation);
        Statistics.label("events").collect(events.size() < 10 ? "0-9" : events.size() < 30 ? "10-29" : "30-60");
        final ChargeRater rater = new ChargeRater(aggregation, pricing);
        ChargeState state = ChargeState.empty();
        BigDecimal deltas = BigDecimal.ZERO;
        for (Event event : events) {
            final ChargeState prior = state;
            final ChargeState snapshot = copy(prior);
            final MeterReading reading = event.reading(aggregation);
            final RatingStep step = rater.rate(prior, reading);
            assertEquals(snapshot, prior, "rate() must leave the prior state as it was");
            assertEquals(step, rater.rate(prior, reading), "rate() must be deterministic");
            deltas = deltas.add(step.delta());
            state = step.next();
        }
        final Reference reference = Reference.of(aggregation, events);
        assertEquals(0, reference.units().compareTo(state.units()), "units");
        assertEquals(events.size(), state.events());
        final BigDecimal expected = pricing.type() == ChargeModelType.PERCENTAGE
                ? pricing.amountForEvents(reference.increments())
                : pricing.amountForUnits(reference.units());
        if (!events.isEmpty()) {
            final BigDecimal sum = deltas;
            assertEquals(0, expected.compareTo(sum), () -> "deltas " + sum + " != " + expected);
        }
        assertEquals(0, expected.compareTo(rater.amountDue(state)));
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void rejectedEventsLeaveTheStateAsIfTheyNeverCame(@ForAll("pricings") ChargePricing pricing,
            @ForAll Aggregation aggregation, @ForAll("events") List<Event> events,
            @ForAll("limits") BigDecimal limit) {
        Assume.that(compatible(aggregation, pricing.type()));
        final ChargeRater rater = new ChargeRater(aggregation, pricing);
        ChargeState state = ChargeState.empty();
        BigDecimal deltas = BigDecimal.ZERO;
        final List<MeterReading> accepted = new ArrayList<>();
        for (Event event : events) {
            final MeterReading reading = event.reading(aggregation);
            final RatingStep step = rater.rate(state, reading);
            if (step.next().units().compareTo(limit) > 0) {
                continue;
            }
            accepted.add(reading);
            deltas = deltas.add(step.delta());
            state = step.next();
        }
        assertEquals(rater.ratePeriod(accepted), state);
        if (!accepted.isEmpty()) {
            assertEquals(0, deltas.compareTo(rater.amountDue(state)));
        }
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void dynamicDeltasAddUpToTheEventsOwnAmounts(@ForAll("events") List<Event> events) {
        final ChargeRater rater = new ChargeRater(Aggregation.SUM, ChargePricing.parse("dynamic", null));
        ChargeState state = ChargeState.empty();
        BigDecimal deltas = BigDecimal.ZERO;
        BigDecimal units = BigDecimal.ZERO;
        BigDecimal own = BigDecimal.ZERO;
        for (Event event : events) {
            final RatingStep step = rater.rate(state, event.reading(Aggregation.SUM));
            deltas = deltas.add(step.delta());
            state = step.next();
            units = units.add(event.value());
            own = own.add(event.ownAmount());
        }
        final BigDecimal expected = units.signum() == 0 ? BigDecimal.ZERO : own;
        assertEquals(0, expected.compareTo(deltas));
        assertEquals(0, expected.compareTo(rater.amountDue(state)));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
    void stateListsCannotBeChangedFromOutside(@ForAll("events") List<Event> events) {
        final ChargeRater rater = new ChargeRater(Aggregation.UNIQUE_COUNT,
                ChargePricing.parse("standard", Map.of("amount", "1")));
        ChargeState state = ChargeState.empty();
        for (Event event : events) {
            state = rater.rate(state, event.reading(Aggregation.UNIQUE_COUNT)).next();
        }
        final List<String> distinct = state.distinctValues();
        assertThrows(UnsupportedOperationException.class, () -> distinct.add("zz"));
    }

    @Provide
    Arbitrary<BigDecimal> limits() {
        return Arbitraries.integers().between(0, 2000).map(BigDecimal::valueOf);
    }

    private static boolean compatible(Aggregation aggregation, ChargeModelType type) {
        try {
            ChargeRater.checkCompatible(aggregation, type);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ChargeState copy(ChargeState state) {
        return new ChargeState(state.units(), state.events(), state.amount(), new ArrayList<>(state.distinctValues()),
                state.latestAt(), state.freeUnits(), state.freeEvents(), state.ownAmount());
    }

    /** A batch computation of the aggregate, written independently of the rater. */
    record Reference(BigDecimal units, List<BigDecimal> increments) {

        static Reference of(Aggregation aggregation, List<Event> events) {
            final List<BigDecimal> increments = new ArrayList<>();
            BigDecimal previous = BigDecimal.ZERO;
            for (int n = 1; n <= events.size(); n++) {
                final BigDecimal units = unitsOf(aggregation, events.subList(0, n));
                increments.add(units.subtract(previous));
                previous = units;
            }
            return new Reference(unitsOf(aggregation, events), increments);
        }

        private static BigDecimal unitsOf(Aggregation aggregation, List<Event> events) {
            if (events.isEmpty()) {
                return BigDecimal.ZERO;
            }
            switch (aggregation) {
                case COUNT:
                    return BigDecimal.valueOf(events.size());
                case SUM:
                    return events.stream().map(Event::value).reduce(BigDecimal.ZERO, BigDecimal::add);
                case MAX:
                    return events.stream().map(Event::value).max(BigDecimal::compareTo).orElseThrow();
                case UNIQUE_COUNT:
                    final Set<String> distinct = new HashSet<>();
                    events.forEach(e -> distinct.add(e.distinct()));
                    return BigDecimal.valueOf(distinct.size());
                case LATEST:
                    Event latest = events.get(0);
                    for (Event event : events) {
                        if (event.second() >= latest.second()) {
                            latest = event;
                        }
                    }
                    return latest.value();
                default:
                    throw new IllegalStateException("unhandled aggregation " + aggregation);
            }
        }
    }
}
