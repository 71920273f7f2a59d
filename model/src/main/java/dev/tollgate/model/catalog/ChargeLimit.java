package dev.tollgate.model.catalog;

import java.math.BigDecimal;

/** A cap on a charge's aggregated units per period; enforced caps reject, others only alert. */
public record ChargeLimit(BigDecimal units, boolean enforce) {
}
