package dev.tollgate.model.catalog;

import java.time.Instant;

/**
 * A customer on a plan from {@code startedAt} until {@code endedAt} (exclusive; open when null).
 *
 * @param planVersion a pinned version, or null to follow the version in force at each event's time
 * @param billingTime calendar or anniversary
 */
public record Subscription(String id, String customerId, String plan, Integer planVersion, Instant startedAt,
                           Instant endedAt, String billingTime) {

    public boolean activeAt(final Instant at) {
        return !at.isBefore(startedAt) && (endedAt == null || at.isBefore(endedAt));
    }
}
