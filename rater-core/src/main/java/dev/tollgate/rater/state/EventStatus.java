package dev.tollgate.rater.state;

import dev.tollgate.model.rating.RejectionReason;
import java.math.BigDecimal;
import java.util.List;

/**
 * What became of one event, kept per (customer_id, event id) for the dedup window: the same store
 * answers "seen before?" and {@code GET /v1/customers/{id}/events/{event_id}}.
 */
public record EventStatus(State status, RejectionReason reason, String detail, List<ChargeAmount> charges) {

    public enum State { RATED, REJECTED, PENDING }

    public EventStatus {
        charges = charges == null ? List.of() : List.copyOf(charges);
    }

    public static EventStatus rated(final List<ChargeAmount> charges) {
        return new EventStatus(State.RATED, null, null, charges);
    }

    public static EventStatus rejected(final RejectionReason reason, final String detail) {
        return new EventStatus(State.REJECTED, reason, detail, List.of());
    }

    public static EventStatus pending() {
        return new EventStatus(State.PENDING, null, null, List.of());
    }

    /** One charge's part in a rated event. */
    public record ChargeAmount(String charge, BigDecimal units, BigDecimal amount, String currency) {
    }
}
