package dev.tollgate.model.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a {@link RefundRequest}, as the rater recorded it: refunded, with the adjustment
 * published on {@code tollgate.period-statements}, or rejected with the reason.
 *
 * @param requestedAmount  the amount asked for; null when the request asked for everything left
 * @param amount           the amount refunded; null when rejected
 * @param refundedTotal    all refunds of the statement, this one included
 * @param remaining        what may still be refunded on the statement
 * @param statementStatus  {@code refunded} or {@code partially_refunded} after this refund; null when rejected
 * @param adjustmentId     the id of the refund record on the statements topic; null when rejected
 */
public record Refund(String id, String subscriptionId, String statementId, String status, BigDecimal requestedAmount,
                     BigDecimal amount, String currency, String reason, String detail, BigDecimal refundedTotal,
                     BigDecimal remaining, String statementStatus, String adjustmentId, Instant requestedAt) {

    public static final String REFUNDED = "refunded";
    public static final String REJECTED = "rejected";

    public static Refund rejected(final RefundRequest request, final String currency, final String detail) {
        return new Refund(request.id(), request.subscriptionId(), request.statementId(), REJECTED, request.amount(),
            null, currency, request.reason(), detail, null, null, null, null, request.requestedAt());
    }

    public boolean granted() {
        return REFUNDED.equals(status);
    }

    /** Whether {@code request} asks for what this refund was asked for: a repeat, not a new refund. */
    public boolean answers(final RefundRequest request) {
        return statementId.equals(request.statementId())
            && (requestedAmount == null ? request.amount() == null
                : request.amount() != null && requestedAmount.compareTo(request.amount()) == 0)
            && Objects.equals(reason, request.reason());
    }
}
