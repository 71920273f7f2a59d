package dev.tollgate.pricing.rating;

import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.charge.ChargeDefinition;
import dev.tollgate.pricing.charge.ChargeModelType;
import dev.tollgate.pricing.charge.ChargePricing;
import dev.tollgate.pricing.charge.UsageTally;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rates one event against the running state of its charge. The event's delta is this rater's model applied to the
 * new state minus the same model applied to the prior state, so the deltas of a period always add up to the model
 * applied to the period. When a plan's new version takes over mid-period, the state was built by another model: the
 * delta is still the new model's price of the event's units given the period so far, and units rated before the
 * change keep the price they were rated at. The rater is pure: it never mutates the prior state (records and immutable lists all the way down),
 * so a caller that rejects the event, for a limit or anything else, simply keeps the prior state.
 */
public final class ChargeRater {

    private final Aggregation aggregation;
    private final ChargePricing pricing;

    /** @throws InvalidPricingException when the model cannot price that aggregation (Lago's compatibility rules) */
    public ChargeRater(Aggregation aggregation, ChargePricing pricing) {
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        checkCompatible(aggregation, pricing.type());
    }

    /**
     * Lago prices dynamic charges only on sum meters, and refuses percentage models on latest meters, whose units are
     * not an amount that accumulates over the period.
     */
    /** The rater of a charge as the catalog writes it: its meter's aggregation, its model and properties. */
    public static ChargeRater of(String aggregation, String model, Map<String, Object> properties) {
        return new ChargeRater(Aggregation.fromWire(aggregation), ChargeDefinition.parse(model, properties).pricing());
    }

    public static void checkCompatible(Aggregation aggregation, ChargeModelType model) {
        final boolean compatible = switch (model) {
            case DYNAMIC -> aggregation == Aggregation.SUM;
            case PERCENTAGE, GRADUATED_PERCENTAGE -> aggregation != Aggregation.LATEST;
            case STANDARD, GRADUATED, VOLUME, PACKAGE, CUSTOM -> true;
            default -> throw new IllegalStateException("unhandled charge model " + model);
        };
        if (!compatible) {
            throw InvalidPricingException.of("model", "the " + model.wireName() + " model cannot price a meter with "
                    + aggregation.wireName() + " aggregation"
                    + (model == ChargeModelType.DYNAMIC ? "; it needs a sum meter" : ""));
        }
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    public ChargePricing pricing() {
        return pricing;
    }

    /** Rates one event; a unique_count state keeps its distinct values in {@link ChargeState#distinctValues}. */
    public RatingStep rate(ChargeState prior, MeterReading reading) {
        return rate(prior, reading, null);
    }

    /**
     * Rates one event; a unique_count charge asks {@code counted} whether the event's value was counted in the period
     * already (besides the values the prior state lists), and the state gains no value: the caller records a new one
     * once it accepts the event, so the state stays the same size however many distinct values come.
     */
    public RatingStep rate(ChargeState prior, MeterReading reading, DistinctValues counted) {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(reading, "reading");
        final Aggregated aggregated = aggregate(prior, reading, counted);
        final UsageTally tally = pricing.accumulate(tallyOf(prior), aggregated.units(),
                aggregated.units().subtract(prior.units()), reading.ownAmount());
        final BigDecimal delta = pricing.amountOf(tally).subtract(priorAmount(prior));
        final ChargeState next = new ChargeState(tally.units(), tally.events(), prior.amount().add(delta),
                aggregated.distinctValues(), aggregated.latestAt(), tally.freeUnits(), tally.freeEvents(),
                tally.ownAmount());
        return new RatingStep(next, delta);
    }

    /**
     * The state a period of a recurring (latest) charge opens with: the value {@code closing} held, at
     * the time it was reported, priced under this rater's model as if reported once in the new period.
     * The amount is priced again rather than taken over, so a plan version change prices the carried
     * value at the new version's prices.
     */
    public ChargeState carried(ChargeState closing) {
        if (aggregation != Aggregation.LATEST) {
            throw new IllegalStateException("only latest values carry into the next period, not " + aggregation);
        }
        if (closing.events() == 0 || closing.latestAt() == null) {
            return ChargeState.empty();
        }
        return rate(ChargeState.empty(), MeterReading.of(closing.latestAt(), closing.units())).next();
    }

    /** Rates a whole period's readings in order, from the empty state. */
    public ChargeState ratePeriod(List<MeterReading> readings) {
        ChargeState state = ChargeState.empty();
        for (MeterReading reading : readings) {
            state = rate(state, reading).next();
        }
        return state;
    }

    /**
     * What the period owes for this charge. Once an event was rated it is the amount the deltas added up to; a
     * period without events still owes what the model charges for zero units (a graduated or volume first-range
     * flat_amount), as a Lago invoice does.
     */
    public BigDecimal amountDue(ChargeState state) {
        return state.events() == 0 ? pricing.amountOf(UsageTally.empty()) : state.amount();
    }

    /** The prior state's amount under this rater's model; the stored amount itself for a fresh period. */
    private BigDecimal priorAmount(ChargeState prior) {
        return prior.events() == 0 ? prior.amount() : pricing.amountOf(tallyOf(prior));
    }

    private static UsageTally tallyOf(ChargeState state) {
        return new UsageTally(state.units(), state.events(), state.freeUnits(), state.freeEvents(), state.amount(),
                state.ownAmount());
    }

    private record Aggregated(BigDecimal units, List<String> distinctValues, Instant latestAt) {
    }

    private Aggregated aggregate(ChargeState prior, MeterReading reading, DistinctValues counted) {
        return switch (aggregation) {
            case COUNT -> new Aggregated(prior.units().add(BigDecimal.ONE), prior.distinctValues(), prior.latestAt());
            case SUM -> new Aggregated(prior.units().add(reading.value()), prior.distinctValues(), prior.latestAt());
            case MAX -> new Aggregated(prior.events() == 0 ? reading.value() : prior.units().max(reading.value()),
                    prior.distinctValues(), prior.latestAt());
            case LATEST -> prior.latestAt() == null || !reading.at().isBefore(prior.latestAt())
                    ? new Aggregated(reading.value(), prior.distinctValues(), reading.at())
                    : new Aggregated(prior.units(), prior.distinctValues(), prior.latestAt());
            case UNIQUE_COUNT -> {
                if (counted == null) {
                    final List<String> distinct = withDistinct(prior.distinctValues(), reading.distinctValue());
                    yield new Aggregated(BigDecimal.valueOf(distinct.size()), distinct, prior.latestAt());
                }
                final String value = requireDistinct(reading.distinctValue());
                final boolean known = Collections.binarySearch(prior.distinctValues(), value) >= 0
                        || counted.contains(value);
                yield new Aggregated(known ? prior.units() : prior.units().add(BigDecimal.ONE), prior.distinctValues(),
                        prior.latestAt());
            }
            default -> throw new IllegalStateException("unhandled aggregation " + aggregation);
        };
    }

    private static String requireDistinct(String value) {
        if (value == null) {
            throw InvalidPricingException.of("distinct_value", "a unique_count reading needs its distinct value");
        }
        return value;
    }

    private static List<String> withDistinct(List<String> sorted, String value) {
        requireDistinct(value);
        final int at = Collections.binarySearch(sorted, value);
        if (at >= 0) {
            return sorted;
        }
        final List<String> grown = new ArrayList<>(sorted.size() + 1);
        grown.addAll(sorted);
        grown.add(-at - 1, value);
        return List.copyOf(grown);
    }
}
