package dev.tollgate.planapi.plan;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A plan as the API shows it: one version's terms beside the plan's code and status. */
record PlanView(String code, String status, int version, Instant effectiveFrom, String name, String description,
                String interval, String currency, BigDecimal amount, int trialDays, List<Charge> charges) {

    static PlanView of(final Plan plan, final PlanVersion version) {
        return new PlanView(plan.code(), plan.status().name().toLowerCase(), version.version(),
            version.effectiveFrom(), version.name(), version.description(), version.interval(), version.currency(),
            version.amount(), version.trialDays(), version.charges());
    }
}
