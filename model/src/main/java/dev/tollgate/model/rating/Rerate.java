package dev.tollgate.model.rating;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The outcome of a {@link RerateRequest}, as the rater recorded it: rerated, with the adjustment
 * published on {@code tollgate.period-statements}, or rejected with the reason.
 *
 * @param statementId  the statement the adjustment adjusts; null when rejected before one was found
 * @param events       the events priced again (late ones included); null when rejected
 * @param lateEvents   of those, the ones the period had turned away as late; null when rejected
 * @param total        the adjustment's total, what the period owes on top of what it was billed; null when rejected
 * @param adjustmentId the id of the adjustment record on the statements topic; null when rejected
 */
public record Rerate(String id, String subscriptionId, Instant periodStart, int planVersion, String status,
                     String statementId, String detail, Integer events, Integer lateEvents, String currency,
                     BigDecimal total, String adjustmentId, Instant requestedAt) {

    public static final String RERATED = "rerated";
    public static final String REJECTED = "rejected";

    public static Rerate rejected(final RerateRequest request, final String statementId, final String detail) {
        return new Rerate(request.id(), request.subscriptionId(), request.periodStart(), request.planVersion(),
            REJECTED, statementId, detail, null, null, null, null, null, request.requestedAt());
    }

    public boolean rerated() {
        return RERATED.equals(status);
    }

    /** Whether {@code request} asks for what this re-rate was asked for: a repeat, not a new re-rate. */
    public boolean answers(final RerateRequest request) {
        return periodStart.equals(request.periodStart()) && planVersion == request.planVersion();
    }
}
