package dev.tollgate.rater.rerate;

import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The adjustment a re-rate publishes: what the period as priced again owes beyond what it was
 * billed, line by line. What it was billed is the statement with every earlier re-rate of it
 * added, so that re-rating twice under the same version adjusts once and the adjustments of a
 * period always add up to its last pricing. Lines are matched by type and code (a grouped charge's
 * groups sum into one line of its code); a line that neither amount nor units changed is left out.
 */
final class RerateAdjustment {

    private RerateAdjustment() {
    }

    /**
     * @param statement the period's final statement, never edited
     * @param earlier   the re-rates of it published before, oldest first
     * @param repriced  the statement as the period's events priced under the new version give it
     */
    static PeriodStatement of(final PeriodStatement statement, final List<PeriodStatement> earlier,
                              final PeriodStatement repriced, final String rerateId, final String detail,
                              final Instant issuedAt) {
        final Map<String, Line> billed = new LinkedHashMap<>();
        add(billed, statement.lines());
        BigDecimal billedSubtotal = statement.subtotal();
        BigDecimal billedTotal = statement.total();
        for (final PeriodStatement adjustment : earlier) {
            add(billed, adjustment.lines());
            billedSubtotal = billedSubtotal.add(adjustment.subtotal());
            billedTotal = billedTotal.add(adjustment.total());
        }
        final Map<String, Line> now = new LinkedHashMap<>();
        add(now, repriced.lines());
        final Map<String, Line> difference = new LinkedHashMap<>();
        for (final Map.Entry<String, Line> line : billed.entrySet()) {
            difference.put(line.getKey(), line.getValue().negated());
        }
        for (final Map.Entry<String, Line> line : now.entrySet()) {
            difference.merge(line.getKey(), line.getValue(), Line::plus);
        }
        final List<StatementLine> lines = new ArrayList<>();
        for (final Line line : difference.values()) {
            if (!line.isZero()) {
                lines.add(line.asStatementLine());
            }
        }
        return new PeriodStatement(statement.rerateIdOf(rerateId), PeriodStatement.RERATE, statement.id(),
            statement.subscriptionId(), statement.customerId(), statement.plan(), repriced.planVersion(),
            statement.period(), statement.currency(), lines, repriced.subtotal().subtract(billedSubtotal),
            repriced.total().subtract(billedTotal), true, detail, issuedAt);
    }

    private static void add(final Map<String, Line> lines, final List<StatementLine> from) {
        for (final StatementLine line : from) {
            lines.merge(line.type() + "/" + line.code(), Line.of(line), Line::plus);
        }
    }

    /** A line summed per type and code; units null where no line of it has units (a fee, a coupon). */
    private record Line(String type, String code, BigDecimal units, BigDecimal amount, String displayName,
                        String unitLabel) {

        static Line of(final StatementLine line) {
            return new Line(line.type(), line.code(), line.units(), line.amount(), line.invoiceDisplayName(),
                line.unitLabel());
        }

        Line negated() {
            return new Line(type, code, units == null ? null : units.negate(), amount.negate(), displayName,
                unitLabel);
        }

        /** The labels are the later line's: the version priced last names the line. */
        Line plus(final Line other) {
            final BigDecimal summed = units == null ? other.units
                : other.units == null ? units : units.add(other.units);
            return new Line(type, code, summed, amount.add(other.amount),
                other.displayName != null ? other.displayName : displayName,
                other.unitLabel != null ? other.unitLabel : unitLabel);
        }

        boolean isZero() {
            return amount.signum() == 0 && (units == null || units.signum() == 0);
        }

        StatementLine asStatementLine() {
            return new StatementLine(type, code, units, amount, displayName, unitLabel);
        }
    }
}
