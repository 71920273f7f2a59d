package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One charge model with validated properties. Implementations are immutable and know nothing of events or
 * aggregation: like Lago's charge-model services they price units that were already aggregated.
 *
 * <p>Incremental rating goes through {@link #accumulate} and {@link #amountOf}: the rater keeps a tally per charge
 * and period, and the amount of a period is always {@code amountOf} of its tally, so the per-event deltas add up to
 * the period's amount by construction.
 */
public interface ChargePricing {

    /** Validates the properties of a charge model, collecting every error, and returns the model ready to price. */
    static ChargePricing parse(String model, Map<String, Object> properties) {
        return ChargePricingFactory.parse(model, properties).pricing();
    }

    ChargeModelType type();

    /** The model applied to a period total; for per-event models as if one event carried all the units. */
    BigDecimal amountForUnits(BigDecimal units);

    /** The model applied to a period given each event's units, in event order. */
    default BigDecimal amountForEvents(List<BigDecimal> eventUnits) {
        UsageTally tally = UsageTally.empty();
        for (BigDecimal units : eventUnits) {
            tally = accumulate(tally, tally.units().add(units), units, null);
        }
        return amountOf(tally);
    }

    /**
     * Counts one more event into a tally.
     *
     * @param prior      the tally before the event
     * @param newUnits   the period's aggregate including the event, as the meter's aggregation computed it
     * @param eventUnits what the event added to the aggregate (its value for sum, 1 for count, the rise of a max)
     * @param ownAmount  the event's own amount, for the dynamic model; null otherwise
     */
    default UsageTally accumulate(UsageTally prior, BigDecimal newUnits, BigDecimal eventUnits, BigDecimal ownAmount) {
        return prior.counted(newUnits);
    }

    /** The period's amount for a tally. */
    default BigDecimal amountOf(UsageTally tally) {
        return amountForUnits(tally.units());
    }
}
