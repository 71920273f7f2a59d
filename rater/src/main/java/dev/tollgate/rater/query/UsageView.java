package dev.tollgate.rater.query;

import dev.tollgate.model.rating.Period;
import java.math.BigDecimal;
import java.util.List;

/** The answer of {@code GET /v1/customers/{id}/usage}: the current period per charge, and the total. */
public record UsageView(String customerId, String subscriptionId, String plan, int planVersion, String currency,
                        Period period, List<ChargeUsage> charges, BigDecimal totalAmount) {

    /**
     * @param limit the charge's limit in units, or null when it has none
     * @param remaining units left under the limit, never negative; null without a limit
     */
    public record ChargeUsage(String code, String meter, BigDecimal units, BigDecimal amount, BigDecimal limit,
                              BigDecimal remaining) {
    }
}
