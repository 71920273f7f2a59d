package dev.tollgate.rater.rating;

import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.StateKeys;
import java.time.Instant;
import java.util.function.Function;

/**
 * Where a recurring charge's period starts from. A recurring meter counts things that exist (bots,
 * agents, contacts): a period in which nothing was reported yet holds what the previous one closed
 * with. That is the previous period's state while it is still open (its late grace has not passed,
 * so a late report may still change it), else the value the close carried past it
 * ({@link StateKeys#carry}), else nothing.
 */
public final class RecurringValues {

    private RecurringValues() {
    }

    /**
     * @param read the charge-aggregates store's lookup
     * @param rater the charge's rater under the version that rates the period: the carried value is priced anew
     */
    public static ChargeState opening(final Function<String, ChargeState> read, final Subscription subscription,
                                      final PlanVersion version, final Instant periodStart, final ChargeSlot slot,
                                      final ChargeRater rater) {
        final Instant previousStart = subscription.schedule(version).gridPeriodAt(periodStart.minusMillis(1)).start();
        ChargeState closing = read.apply(StateKeys.charge(subscription.id(), slot, previousStart));
        if (closing == null) {
            closing = read.apply(StateKeys.carry(subscription.id(), slot));
        }
        return closing == null ? ChargeState.empty() : rater.carried(closing);
    }
}
