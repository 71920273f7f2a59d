package dev.tollgate.model.catalog;

import dev.tollgate.pricing.period.BillingInterval;
import java.math.BigDecimal;

/**
 * A recurring fee of a plan version beside its base price, billed on a schedule of its own (a yearly
 * platform fee on a monthly plan): on the plan's bill timing, at the end (or the start) of each
 * period of its interval, on the subscription's anchor.
 *
 * @param code unique among the plan's fees; the statement line's code
 * @param invoiceDisplayName what an invoice prints for the fee's line
 * @param amount the price per period of its interval
 * @param interval its unit (day, week, month, year) and frequency; its periods span whole plan periods
 */
public record PlanFee(String code, String name, String invoiceDisplayName, BigDecimal amount, FeeInterval interval) {

    /** A fee's interval as seed 004 writes it; without a frequency, one unit. */
    public record FeeInterval(String unit, Integer frequency) {

        public FeeInterval {
            frequency = frequency == null ? 1 : frequency;
        }

        public BillingInterval billingInterval() {
            return BillingInterval.of(unit, frequency);
        }
    }
}
