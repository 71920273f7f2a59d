package dev.tollgate.rater.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.rater.state.EventStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The answer of {@code GET /v1/customers/{id}/events/{event_id}}: a wire shape of its own, so that
 * the stored record can change without changing the contract.
 *
 * @param status rated, rejected or pending
 * @param reason why a rejected event was not rated; null otherwise
 * @param charges each charge's part in a rated event; empty otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventStatusView(String status, RejectionReason reason, String detail, List<EventCharge> charges) {

    public EventStatusView {
        charges = List.copyOf(charges);
    }

    public static EventStatusView of(final EventStatus stored) {
        return new EventStatusView(stored.status().name().toLowerCase(Locale.ROOT), stored.reason(), stored.detail(),
            stored.charges().stream()
                .map(part -> new EventCharge(part.charge(), part.units(), part.amount(), part.currency()))
                .toList());
    }

    /** One charge's units and amount for the event; the amount at full precision. */
    public record EventCharge(String charge, BigDecimal units, BigDecimal amount, String currency) {
    }
}
