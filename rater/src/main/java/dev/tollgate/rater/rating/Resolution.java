package dev.tollgate.rater.rating;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.rating.ChargeRater;
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
    }
}
