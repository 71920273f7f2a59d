package dev.tollgate.model.rating;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A request to refund a final statement: the value of {@code tollgate.refund-requests}, keyed by the
 * statement's {@code customer_id} so that it reaches the rater task holding the statement.
 *
 * @param id     the refund's id, unique within the subscription: a request repeated with the same id
 *               refunds once
 * @param amount what to refund; null for everything not refunded yet
 */
public record RefundRequest(String id, String subscriptionId, String statementId, BigDecimal amount, String reason,
                            Instant requestedAt) {
}
