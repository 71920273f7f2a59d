package dev.tollgate.model.rating;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A closed period's lines and totals: the value of {@code tollgate.period-statements}, keyed by
 * {@code subscription_id}. Published once, when the period's end plus the late grace has passed in
 * both wall-clock and stream time; {@code total} is the sum of the rounded lines.
 *
 * @param id {@code <subscription_id>/<period start>}: stable, so a consumer can recognise a repeat
 */
public record PeriodStatement(String id, String subscriptionId, String customerId, String plan, int planVersion,
                              Period period, String currency, List<StatementLine> lines, BigDecimal subtotal,
                              BigDecimal total, @JsonProperty("final") boolean finalStatement,
                              Instant issuedAt) {

    public PeriodStatement {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static String idOf(final String subscriptionId, final Instant periodStart) {
        return subscriptionId + "/" + periodStart;
    }
}
