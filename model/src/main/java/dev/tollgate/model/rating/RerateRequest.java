package dev.tollgate.model.rating;

import java.time.Instant;

/**
 * A request to price a closed period again under another plan version: the value of
 * {@code tollgate.rerate-requests}, keyed by the subscription's {@code customer_id} so that it
 * reaches the rater task holding the period's statement and accepted events.
 *
 * @param id          the re-rate's id, unique within the subscription: a request repeated with the
 *                    same id yields one adjustment
 * @param periodStart the closed period's start, as its statement's {@code period.start} reads
 * @param planVersion the version of the subscription's plan whose prices to use, whatever its effective time
 */
public record RerateRequest(String id, String subscriptionId, Instant periodStart, int planVersion,
                            Instant requestedAt) {
}
