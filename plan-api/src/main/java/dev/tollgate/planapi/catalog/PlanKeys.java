package dev.tollgate.planapi.catalog;

import dev.tollgate.model.catalog.Plan;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys besides its code that name a plan: its lookup key, and its group's default. Both are read
 * from the plan's latest version, the one the API shows, so a key moves with the terms an admin last wrote.
 */
public final class PlanKeys {

    private PlanKeys() {
    }

    public static boolean hasLookupKey(final Plan plan, final String lookupKey) {
        return Objects.equals(plan.latest().lookupKey(), lookupKey);
    }

    public static boolean inGroup(final Plan plan, final String group) {
        return Objects.equals(plan.latest().group(), group);
    }

    /** Whether the plan is its group's default: an archived plan takes no subscriptions, so it is nobody's default. */
    public static boolean isDefault(final Plan plan) {
        return plan.status() == Plan.PlanStatus.ACTIVE && plan.latest().defaultPlan() && plan.latest().group() != null;
    }

    public static Optional<Plan> byLookupKey(final Collection<Plan> plans, final String lookupKey) {
        return plans.stream().filter(plan -> hasLookupKey(plan, lookupKey)).findFirst();
    }

    public static Optional<Plan> defaultOf(final Collection<Plan> plans, final String group) {
        return plans.stream().filter(plan -> isDefault(plan) && inGroup(plan, group)).findFirst();
    }
}
