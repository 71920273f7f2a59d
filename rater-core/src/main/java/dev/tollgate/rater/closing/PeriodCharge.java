package dev.tollgate.rater.closing;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.charge.ChargeDefinition;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a period may hold of one charge code, over every version of the plan (a period can span a
 * version change, and a charge dropped by a later version still has the state it rated before):
 * whether its states are grouped, whether its meter counts distinct values, and the alert levels
 * it may have marked. Where a version cannot tell (a charge or meter that cannot be read), the
 * answer is the one that finds everything.
 *
 * @param alertLevels the keys' levels of {@code alerts-sent}: each threshold percent, and -100 for
 *                    a limit passed that is not enforced; none for a charge without a limit in any version
 */
record PeriodCharge(String code, boolean grouped, boolean countsDistinct, Set<BigDecimal> alertLevels) {

    private static final BigDecimal LIMIT_PASSED = BigDecimal.valueOf(-100);

    /** The plan's charges by code, in plan order. */
    static Map<String, PeriodCharge> of(final Plan plan, final Function<String, Meter> meters) {
        final Map<String, PeriodCharge> charges = new LinkedHashMap<>();
        for (final PlanVersion version : plan.versions()) {
            for (final Charge charge : version.charges()) {
                charges.merge(charge.code(), of(charge, meters.apply(charge.meter())), PeriodCharge::and);
            }
        }
        return charges;
    }

    private static PeriodCharge of(final Charge charge, final Meter meter) {
        boolean grouped;
        try {
            grouped = !ChargeDefinition.parse(charge.model(), charge.properties()).pricingGroupKeys().isEmpty();
        } catch (InvalidPricingException | IllegalArgumentException e) {
            grouped = true;
        }
        boolean distinct;
        try {
            distinct = meter == null || Aggregation.fromWire(meter.aggregation()) == Aggregation.UNIQUE_COUNT;
        } catch (IllegalArgumentException e) {
            distinct = true;
        }
        // Alerts are sent only against a limit: a charge without one has no marks to look up.
        final Set<BigDecimal> levels = new LinkedHashSet<>();
        if (charge.limit() != null) {
            levels.addAll(charge.thresholds());
            levels.add(LIMIT_PASSED);
        }
        return new PeriodCharge(charge.code(), grouped, distinct, levels);
    }

    private PeriodCharge and(final PeriodCharge other) {
        final Set<BigDecimal> levels = new LinkedHashSet<>(alertLevels);
        levels.addAll(other.alertLevels);
        return new PeriodCharge(code, grouped || other.grouped, countsDistinct || other.countsDistinct, levels);
    }
}
