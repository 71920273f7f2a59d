package dev.tollgate.rater.statement;

import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import dev.tollgate.pricing.period.IntervalUnit;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a subscription's fees (base, seats, add-ons) cost and on which schedule they are billed under
 * a plan version. Usually the plan's own periods and prices. A subscription that pays yearly on a
 * monthly plan is billed once a year, on years of its own anchor (calendar years, or years from its
 * start): such a year begins and ends on month boundaries, so a monthly statement closes it. The base
 * is then the plan's {@code yearly_amount}, seats twelve times the seat price (plans have no yearly
 * seat price) and add-ons their yearly price; usage keeps the plan's monthly periods.
 *
 * @param schedule the fee periods, ending where the plan's periods end billing
 * @param addOnInterval the interval add-on prices are scaled to
 */
record FeePrices(BillingSchedule schedule, BigDecimal base, BigDecimal seat, BillingInterval addOnInterval) {

    private static final BillingInterval MONTH = new BillingInterval(IntervalUnit.MONTH, 1);
    private static final BillingInterval YEAR = new BillingInterval(IntervalUnit.YEAR, 1);
    private static final BigDecimal MONTHS = BigDecimal.valueOf(12);

    static FeePrices of(final Subscription subscription, final PlanVersion version) {
        final BillingSchedule periods = subscription.schedule(version);
        // The API takes yearly payment on monthly plans only; a subscription written around it that
        // pays yearly on another interval is billed per the plan, as yearly periods would not end
        // on its period boundaries.
        if (!subscription.paysYearly() || !MONTH.equals(version.billingInterval())) {
            return new FeePrices(periods, version.amount(), version.seatPrice(), version.billingInterval());
        }
        final BillingSchedule years = scheduleOf(subscription, version, YEAR);
        // A version written around the API without a yearly price charges twelve months, as an add-on does.
        final BigDecimal yearly = version.yearlyAmount() != null ? version.yearlyAmount()
            : version.amount().multiply(MONTHS);
        return new FeePrices(years, yearly, version.seatPrice() == null ? null : version.seatPrice().multiply(MONTHS),
            YEAR);
    }

    /**
     * A fee schedule of {@code interval} beside the plan's periods: the subscription's anchor, start and
     * trial, ending where the plan's periods end billing.
     */
    static BillingSchedule scheduleOf(final Subscription subscription, final PlanVersion version,
                                      final BillingInterval interval) {
        final BillingSchedule periods = subscription.schedule(version);
        return new BillingSchedule(interval, periods.anchor(), subscription.startedAt(), version.trialDays(), null,
            periods.billingEndsAt().orElse(null));
    }

    /** The fee period that holds the plan period starting at {@code gridStart}. */
    BillingPeriod feePeriodAt(final Instant gridStart) {
        return schedule.gridPeriodAt(gridStart);
    }

    /**
     * Whether the statement of {@code period} (a plan period, cut to the end of billing) closes the fee
     * period {@code feePeriod}: it reaches the fee period's end, or billing ends with it.
     */
    boolean closes(final BillingPeriod feePeriod, final BillingPeriod period) {
        return closes(schedule, feePeriod, period);
    }

    static boolean closes(final BillingSchedule schedule, final BillingPeriod feePeriod, final BillingPeriod period) {
        return !period.end().isBefore(feePeriod.end())
            || schedule.billingEndsAt().map(end -> !end.isAfter(period.end())).orElse(false);
    }
}
