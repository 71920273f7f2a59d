package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Lago's percentage model: {@code rate} percent of the units (a transaction amount), plus {@code fixed_amount} per
 * event, after a free allowance, optionally bounded per event by per_transaction_min_amount and
 * per_transaction_max_amount.
 *
 * <p>The free allowance is consumed event by event, in event order: {@code free_units_per_events} events and
 * {@code free_units_per_total_aggregation} units, whichever runs out first. An event that fits entirely in the
 * allowance is free, fixed fee included; the event that exhausts a unit allowance pays the rate on its units beyond it
 * and the fixed fee.
 *
 * <p>Without per-transaction bounds the period amount is Lago's closed form:
 * {@code (units - free units) x rate / 100 + paid events x fixed_amount}, and no fixed fee is due while the period's
 * units are zero. With bounds, each paid event's amount is clamped to [min, max] and the period amount is their sum.
 */
public record PercentagePricing(
        BigDecimal rate,
        BigDecimal fixedAmount,
        long freeUnitsPerEvents,
        BigDecimal freeUnitsPerTotalAggregation,
        BigDecimal perTransactionMinAmount,
        BigDecimal perTransactionMaxAmount) implements ChargePricing {

    static PercentagePricing parse(PropertyReader properties) {
        final BigDecimal rate = properties.rate("rate");
        final BigDecimal fixedAmount = properties.optionalAmount("fixed_amount");
        long freeEvents = 0;
        final BigInteger perEvents = properties.optionalWhole("free_units_per_events");
        if (perEvents != null && (perEvents.signum() <= 0 || perEvents.bitLength() > 62)) {
            properties.errors().add(properties.path("free_units_per_events"), "must be a whole number greater than 0");
        } else if (perEvents != null) {
            freeEvents = perEvents.longValueExact();
        }
        final BigDecimal perTotal = properties.optionalAmount("free_units_per_total_aggregation");
        final BigDecimal min = properties.optionalAmount("per_transaction_min_amount");
        final BigDecimal max = properties.optionalAmount("per_transaction_max_amount");
        if (min != null && max != null && min.compareTo(max) > 0) {
            properties.errors().add(properties.path("per_transaction_max_amount"),
                    "must not be lower than per_transaction_min_amount (" + min.toPlainString() + ")");
        }
        return new PercentagePricing(rate, fixedAmount == null ? BigDecimal.ZERO : fixedAmount, freeEvents,
                perTotal == null ? BigDecimal.ZERO : perTotal, min, max);
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.PERCENTAGE;
    }

    /** As if a single event carried all the units; zero units cost nothing. */
    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        if (units.signum() == 0) {
            return amountOf(UsageTally.empty());
        }
        return amountForEvents(List.of(units));
    }

    @Override
    public UsageTally accumulate(UsageTally prior, BigDecimal newUnits, BigDecimal eventUnits, BigDecimal ownAmount) {
        BigDecimal free = BigDecimal.ZERO;
        boolean entirelyFree = false;
        if (allowanceOpen(prior)) {
            if (freeUnitsPerTotalAggregation.signum() == 0) {
                free = eventUnits;
                entirelyFree = true;
            } else {
                final BigDecimal left = freeUnitsPerTotalAggregation.subtract(prior.freeUnits());
                entirelyFree = eventUnits.compareTo(left) < 0;
                free = entirelyFree ? eventUnits : left;
            }
        }
        final BigDecimal eventAmount = entirelyFree ? BigDecimal.ZERO : bounded(
                Percent.of(eventUnits.subtract(free), rate).add(fixedAmount));
        return new UsageTally(newUnits, prior.events() + 1, prior.freeUnits().add(free),
                prior.freeEvents() + (entirelyFree ? 1 : 0), prior.amount().add(eventAmount), prior.ownAmount());
    }

    @Override
    public BigDecimal amountOf(UsageTally tally) {
        if (hasBounds()) {
            return tally.amount();
        }
        final BigDecimal paidUnits = tally.units().subtract(tally.freeUnits()).max(BigDecimal.ZERO);
        final BigDecimal fixedFees = tally.units().signum() == 0
                ? BigDecimal.ZERO
                : fixedAmount.multiply(BigDecimal.valueOf(tally.events() - tally.freeEvents()));
        return Percent.of(paidUnits, rate).add(fixedFees);
    }

    private boolean allowanceOpen(UsageTally prior) {
        final boolean byEvents = freeUnitsPerEvents > 0;
        final boolean byUnits = freeUnitsPerTotalAggregation.signum() > 0;
        return (byEvents || byUnits)
                && (!byEvents || prior.freeEvents() < freeUnitsPerEvents)
                && (!byUnits || prior.freeUnits().compareTo(freeUnitsPerTotalAggregation) < 0);
    }

    private boolean hasBounds() {
        return perTransactionMinAmount != null || perTransactionMaxAmount != null;
    }

    private BigDecimal bounded(BigDecimal amount) {
        if (perTransactionMinAmount != null && amount.compareTo(perTransactionMinAmount) < 0) {
            return perTransactionMinAmount;
        }
        if (perTransactionMaxAmount != null && amount.compareTo(perTransactionMaxAmount) > 0) {
            return perTransactionMaxAmount;
        }
        return amount;
    }
}
