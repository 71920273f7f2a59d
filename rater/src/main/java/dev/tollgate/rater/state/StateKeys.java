package dev.tollgate.rater.state;

import java.time.Instant;

/**
 * Composite state-store keys as strings joined by the unit separator. Ids never contain control
 * characters (the readers reject them), so the joins cannot collide, and a prefix selects all of a
 * subscription's charges.
 */
public final class StateKeys {

    static final char SEPARATOR = '\u001f';

    private StateKeys() {
    }

    /** Dedup and status of one event: (customer_id, event id). */
    public static String event(final String customerId, final String eventId) {
        return customerId + SEPARATOR + eventId;
    }

    /** One charge's running state in one period: (subscription, charge, period start). */
    public static String charge(final String subscriptionId, final String chargeCode, final Instant periodStart) {
        return subscriptionId + SEPARATOR + chargeCode + SEPARATOR + periodStart.toEpochMilli();
    }
}
