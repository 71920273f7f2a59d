package dev.tollgate.rater.rating;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.aggregation.MeterReadings;
import dev.tollgate.pricing.charge.ChargeModelType;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.util.List;

/** What the catalog says about one event: the charges that price it, or why there are none. */
public sealed interface Resolution {

    record Priced(Subscription subscription, PlanVersion version, List<MatchedCharge> charges) implements Resolution {
    }

    /**
     * @param catalogMayLag true when the missing piece may still be on its way to this instance
     *                      (a subscription, plan or meter not seen yet), so the event is held, not rejected
     */
    record Unpriced(RejectionReason reason, String detail, boolean catalogMayLag) implements Resolution {
    }

    /**
     * A charge of the plan version that prices the event, with its meter, its parsed pricing and its
     * pricing_group_keys (empty when the charge is not grouped).
     */
    record MatchedCharge(Charge charge, Meter meter, Aggregation aggregation, ChargeRater rater,
                         List<String> groupKeys) {

        /** Where a dynamic charge's events carry their own amount, in minor units of the currency. */
        static final String OWN_AMOUNT = "precise_total_amount_cents";

        /**
         * What the event adds to this charge: the meter's reading and, for a dynamic charge, the event's
         * own amount.
         *
         * @throws InvalidPricingException when the event does not carry what the meter or the charge needs
         */
        public MeterReading read(final UsageEvent event, final String currency) {
            if (rater.pricing().type() == ChargeModelType.DYNAMIC) {
                return MeterReadings.readWithOwnAmount(aggregation, meter.field(), meter.allowNegative(),
                    event.properties(), event.timestamp(), event.properties().get(OWN_AMOUNT), currency);
            }
            return MeterReadings.read(aggregation, meter.field(), meter.allowNegative(), event.properties(),
                event.timestamp());
        }
    }
}
