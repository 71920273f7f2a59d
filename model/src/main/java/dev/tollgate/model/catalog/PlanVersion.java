package dev.tollgate.model.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a plan. Usage is rated with the version in force at the event's time.
 *
 * @param effectiveFrom the instant from which this version is in force
 * @param interval weekly, monthly, quarterly or yearly
 * @param amount the base price per interval
 */
public record PlanVersion(int version, Instant effectiveFrom, String name, String description, String interval,
                          String currency, BigDecimal amount, int trialDays, List<Charge> charges) {

    public PlanVersion {
        charges = charges == null ? List.of() : List.copyOf(charges);
    }
}
