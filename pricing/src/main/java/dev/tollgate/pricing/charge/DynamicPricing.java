package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Lago's dynamic model: each event carries its own amount, and the period costs the sum of them. As in Lago, a period
 * whose aggregated units are zero costs nothing whatever amounts its events carried.
 */
public record DynamicPricing() implements ChargePricing {

    static DynamicPricing parse(PropertyReader properties) {
        return new DynamicPricing();
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.DYNAMIC;
    }

    /** Units alone do not price a dynamic charge: the amounts travel with the events. */
    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        throw unitsCannotPrice();
    }

    @Override
    public BigDecimal amountForEvents(List<BigDecimal> eventUnits) {
        throw unitsCannotPrice();
    }

    @Override
    public UsageTally accumulate(UsageTally prior, BigDecimal newUnits, BigDecimal eventUnits, BigDecimal ownAmount) {
        final BigDecimal own = ownAmount == null ? BigDecimal.ZERO : ownAmount;
        return new UsageTally(newUnits, prior.events() + 1, prior.freeUnits(), prior.freeEvents(), prior.amount(),
                prior.ownAmount().add(own));
    }

    @Override
    public BigDecimal amountOf(UsageTally tally) {
        return tally.units().signum() == 0 ? BigDecimal.ZERO : tally.ownAmount();
    }

    private static InvalidPricingException unitsCannotPrice() {
        return InvalidPricingException.of("model", "a dynamic charge is priced by the amount each event carries"
                + " (precise_total_amount_cents), so it cannot be estimated from units alone");
    }
}
