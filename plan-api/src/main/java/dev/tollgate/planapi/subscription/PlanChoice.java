package dev.tollgate.planapi.subscription;

import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.planapi.catalog.PlanKeys;
import dev.tollgate.planapi.store.CatalogStore;
import java.util.Collection;

/**
 * Which plan a subscription names: by {@code plan} (its code), by {@code plan_lookup_key}, or by
 * {@code plan_group} alone for that group's default plan. It is resolved when the subscription is
 * written and stored as the code, so the rater and every later read see a plan code only. Several
 * given must name the same plan: a lookup key of another plan, or a plan outside the group, is a 422.
 *
 * @param code the plan's code; null when none could be resolved (the reason is filed)
 * @param field the field that named the plan, where the plan's own problems (archived, no such
 *     version) are reported
 */
record PlanChoice(String code, String field) {

    static final String PLAN = "plan";
    static final String LOOKUP_KEY = "plan_lookup_key";
    static final String GROUP = "plan_group";

    /** @param otherwise the plan kept when the body names none; null when one is required */
    static PlanChoice read(final JsonFields fields, final CatalogStore catalog, final String otherwise) {
        if (!fields.has(PLAN) && !fields.has(LOOKUP_KEY) && !fields.has(GROUP)) {
            if (otherwise == null) {
                fields.error(PLAN, "is required: give plan (a code), plan_lookup_key, or plan_group for the"
                    + " group's default plan");
            }
            return new PlanChoice(otherwise, PLAN);
        }
        final String code = fields.has(PLAN) ? fields.identifier(PLAN) : null;
        final String lookupKey = fields.has(LOOKUP_KEY) ? fields.identifier(LOOKUP_KEY) : null;
        final String group = fields.has(GROUP) ? fields.text(GROUP, true) : null;
        if (fields.has(PLAN) && code == null || fields.has(LOOKUP_KEY) && lookupKey == null
            || fields.has(GROUP) && group == null) {
            return new PlanChoice(null, PLAN);
        }
        final Collection<Plan> plans = catalog.plans();
        PlanChoice choice = code == null ? null : new PlanChoice(code, PLAN);
        if (lookupKey != null) {
            final Plan keyed = PlanKeys.byLookupKey(plans, lookupKey).orElse(null);
            if (keyed == null) {
                fields.error(LOOKUP_KEY, "no plan has lookup_key " + lookupKey);
                return new PlanChoice(null, LOOKUP_KEY);
            }
            if (code != null && !code.equals(keyed.code())) {
                fields.error(LOOKUP_KEY, "names plan " + keyed.code() + ", not plan " + code + " given as plan");
                return new PlanChoice(null, LOOKUP_KEY);
            }
            choice = new PlanChoice(keyed.code(), code == null ? LOOKUP_KEY : PLAN);
        }
        if (group == null) {
            return choice;
        }
        if (choice == null) {
            return PlanKeys.defaultOf(plans, group).map(plan -> new PlanChoice(plan.code(), GROUP)).orElseGet(() -> {
                fields.error(GROUP, "group " + group + " has no default plan; name the plan with plan or"
                    + " plan_lookup_key");
                return new PlanChoice(null, GROUP);
            });
        }
        final Plan chosen = catalog.plan(choice.code()).orElse(null);
        if (chosen != null && !PlanKeys.inGroup(chosen, group)) {
            fields.error(GROUP, "plan " + chosen.code() + " is " + (chosen.latest().group() == null ? "in no group"
                : "in group " + chosen.latest().group()) + ", not " + group);
            return new PlanChoice(null, GROUP);
        }
        return choice;
    }
}
