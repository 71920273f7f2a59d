package dev.tollgate.planapi.plan;

import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.pricing.validation.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new version of a plan may be. Versions follow each other in time, as in Kill Bill's catalog:
 * each takes effect after the one before (never at the same instant), and not in the past, because
 * usage already rated with the old terms would then belong to the new ones. Interval and currency stay:
 * a subscription's billing periods and statements must not change shape mid-way; a plan with other
 * ones is a new plan, and subscriptions move to it by a plan change.
 */
final class VersionRules {

    private VersionRules() {
    }

    static List<FieldError> check(final Plan plan, final PlanVersion next, final Instant now) {
        final List<FieldError> errors = new ArrayList<>();
        final PlanVersion latest = plan.latest();
        if (next.effectiveFrom().equals(latest.effectiveFrom())) {
            errors.add(new FieldError("effective_from", "version " + latest.version()
                + " already takes effect at " + latest.effectiveFrom() + "; two versions cannot share an effective time"));
        } else if (next.effectiveFrom().isBefore(latest.effectiveFrom())) {
            errors.add(new FieldError("effective_from", "must be after " + latest.effectiveFrom()
                + ", when version " + latest.version() + " takes effect"));
        } else if (next.effectiveFrom().isBefore(now)) {
            errors.add(new FieldError("effective_from", "must not be in the past: usage already rated with "
                + "version " + latest.version() + " stays rated with it"));
        }
        if (!next.interval().equals(latest.interval()) || frequency(next) != frequency(latest)) {
            errors.add(new FieldError("interval", "must stay " + latest.interval() + " (frequency "
                + frequency(latest) + "); create a new plan and change subscriptions to it"));
        }
        if (!next.currency().equals(latest.currency())) {
            errors.add(new FieldError("currency", "must stay " + latest.currency()
                + "; create a new plan and change subscriptions to it"));
        }
        return errors;
    }

    private static int frequency(final PlanVersion version) {
        return version.frequency() == null ? 1 : version.frequency();
    }
}
