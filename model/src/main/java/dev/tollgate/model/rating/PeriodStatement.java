package dev.tollgate.model.rating;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A record of {@code tollgate.period-statements}, keyed by {@code subscription_id}: a closed period's
 * final statement, or an adjustment of one (a refund, or a re-rate under another plan version). A statement is published once, when the period's end
 * plus the late grace has passed in both wall-clock and stream time; {@code total} is the sum of the
 * rounded lines. A refund never edits it: it is a record of its own, with a negative total, naming
 * the statement it adjusts. A re-rate is likewise a record of its own: its lines and totals are what
 * pricing the period's events again changed, line by line, positive or negative.
 *
 * <p>A plan billed {@code in_advance} also has an opening statement per subscription, published when
 * the subscription starts: the first period's fees, billed ahead of it.
 *
 * <p>A subscription with spend thresholds has an interim statement for each threshold its period's
 * running usage amount reached, published by the rating of the event that reached it: the usage
 * amount so far less earlier interim statements, {@code final} false. The period's statement then
 * subtracts what they billed in one {@code interim_billed} line.
 *
 * @param id      {@code <subscription_id>/<period start>} for a statement, that plus {@code /opening}
 *                for an opening statement, that plus {@code /interim/<threshold>} for an interim statement
 *                (the highest threshold it was published for), the adjusted statement's id plus
 *                {@code /refunds/<refund id>} for a refund, plus {@code /rerates/<rerate id>} for a
 *                re-rate: stable, so a consumer can recognise a repeat
 * @param kind    {@value #STATEMENT}, {@value #OPENING}, {@value #INTERIM}, {@value #REFUND} or {@value #RERATE};
 *                {@value #UPCOMING} only in the answer of the upcoming-statement query, never on the topic
 * @param adjusts the id of the statement a refund or re-rate adjusts; null on a statement
 * @param reason  why a refund was given, as its requester said, or what a re-rate priced again;
 *                null on a statement
 */
public record PeriodStatement(String id, String kind, String adjusts, String subscriptionId, String customerId,
                              String plan, int planVersion, Period period, String currency, List<StatementLine> lines,
                              BigDecimal subtotal, BigDecimal total, @JsonProperty("final") boolean finalStatement,
                              String reason, Instant issuedAt) {

    public static final String STATEMENT = "statement";
    public static final String REFUND = "refund";
    public static final String OPENING = "opening";
    public static final String UPCOMING = "upcoming";
    public static final String INTERIM = "interim";
    public static final String RERATE = "rerate";

    public PeriodStatement {
        // Records written before refunds existed carry no kind: they are all statements.
        kind = kind == null ? STATEMENT : kind;
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static String idOf(final String subscriptionId, final Instant periodStart) {
        return subscriptionId + "/" + periodStart;
    }

    public static String openingIdOf(final String subscriptionId, final Instant periodStart) {
        return idOf(subscriptionId, periodStart) + "/opening";
    }

    /**
     * This statement as the open period's preview: the lines and totals of the statement its close
     * would issue now, with {@code final} false and an id of its own, so nobody files it as the final one.
     */
    public PeriodStatement upcoming() {
        return new PeriodStatement(id + "/" + UPCOMING, UPCOMING, null, subscriptionId, customerId, plan, planVersion,
            period, currency, lines, subtotal, total, false, null, issuedAt);
    }

    /** The interim statement published when the period's running usage amount reached {@code threshold}. */
    public static String interimIdOf(final String subscriptionId, final Instant periodStart,
                                     final BigDecimal threshold) {
        return idOf(subscriptionId, periodStart) + "/interim/" + threshold.stripTrailingZeros().toPlainString();
    }

    @JsonIgnore
    public boolean isRefund() {
        return REFUND.equals(kind);
    }

    /** Whether this record adjusts another (a refund or a re-rate) rather than bill a period itself. */
    @JsonIgnore
    public boolean isAdjustment() {
        return REFUND.equals(kind) || RERATE.equals(kind);
    }

    @JsonIgnore
    public boolean isRerate() {
        return RERATE.equals(kind);
    }

    /** The id of the adjustment that re-rates this statement under request {@code rerateId}. */
    public String rerateIdOf(final String rerateId) {
        return id + "/rerates/" + rerateId;
    }

    /** What a refund gives back: the negated total of a refund record, zero for a statement. */
    public BigDecimal refunded() {
        return isRefund() ? total.negate() : BigDecimal.ZERO;
    }

    /**
     * The adjustment that refunds {@code amount} of this statement: same subscription, period and
     * currency, one {@code refund} line, a negative total.
     */
    public PeriodStatement refund(final String refundId, final BigDecimal amount, final String refundReason,
                                  final Instant issued) {
        final BigDecimal negated = amount.negate();
        return new PeriodStatement(id + "/refunds/" + refundId, REFUND, id, subscriptionId, customerId, plan,
            planVersion, period, currency, List.of(new StatementLine(REFUND, refundId, null, negated)), negated,
            negated, true, refundReason, issued);
    }
}
