package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscription that pays a monthly plan yearly: the yearly price once a year, on the statement
 * that opens the year (in advance) or closes it (in arrears), while usage is billed month by month.
 */
class YearlyPaymentTest {

    private static final Instant STARTED = Instant.parse("2026-03-15T10:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, STARTED.minusSeconds(60));
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.addOns.pipeInput("support", new AddOn("support", "Support", null, "USD", new BigDecimal("3"),
            new BigDecimal("30"), null, true, 0, null, null));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private void plan(final String billTiming) {
        rater.plans.pipeInput("pro", new Plan("pro", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Pro", null, "monthly", "USD", new BigDecimal("30"), 0, List.of(new Charge("calls",
            "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), null, List.of())), null,
            new BigDecimal("300"), new BigDecimal("5"), null, billTiming, null, 0, null, false, null, null, null,
            null, null, null))));
    }

    private static StatementLine line(final String type, final String code, final String units,
                                      final String amount) {
        return new StatementLine(type, code, new BigDecimal(units), new BigDecimal(amount));
    }

    private static StatementLine support(final String type, final String amount) {
        return new StatementLine(type, "support", BigDecimal.ONE, new BigDecimal(amount), "Support", null);
    }

    /** The statement of the monthly period that ends at {@code end}. */
    private PeriodStatement closedAt(final Instant end) {
        rater.wallClockTo(end.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement statement = rater.statements.readValue();
        assertEquals(end, statement.period().end());
        return statement;
    }

    @Test
    void shouldBillTheYearInAdvanceOnceAYearAndUsageEveryMonth() {
        plan("in_advance");
        final Subscription yearly = new Subscription("sub_1", "acme", "pro", null, STARTED, null, "anniversary", 2,
            List.of(new SubscriptionAddOn("support", 1)), List.of(), null, Subscription.YEARLY);
        rater.subscribe(yearly, STARTED.minusSeconds(60));
        rater.wallClockTo(STARTED.plusSeconds(1));
        final PeriodStatement opening = rater.statements.readValue();
        assertEquals(PeriodStatement.OPENING, opening.kind());
        // The first anniversary year, whole: 300.00; 2 seats x 5 x 12 = 120.00; support's yearly 30.00
        assertEquals(List.of(line("subscription", "pro", "1", "300.00"), line("seats", "seats", "2", "120.00"),
            support("add_on", "30.00")), opening.lines());
        assertEquals(new BigDecimal("450.00"), opening.total());
        // The first usage period is a month, not the year: Mar 15 to Apr 15
        assertEquals(Instant.parse("2026-04-15T00:00:00Z"), opening.period().end());

        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-20T12:00:00Z"));
        final PeriodStatement first = closedAt(Instant.parse("2026-04-15T00:00:00Z"));
        // Usage only, 500 s x 0.002: the year's fees were on the opening statement
        assertEquals(List.of(line("usage", "calls", "500", "1.00")), first.lines());
        for (int month = 2; month <= 11; month++) {
            final PeriodStatement statement = closedAt(STARTED.atZone(ZoneOffset.UTC).toLocalDate()
                .plusMonths(month).atStartOfDay(ZoneOffset.UTC).toInstant());
            assertEquals(List.of(line("usage", "calls", "0", "0.00")), statement.lines(), "month " + month);
        }

        // The year's last month bills the next year, Mar 15 2027 to Mar 15 2028, in advance
        final PeriodStatement twelfth = closedAt(Instant.parse("2027-03-15T00:00:00Z"));
        assertEquals(List.of(line("subscription", "pro", "1", "300.00"), line("seats", "seats", "2", "120.00"),
            support("add_on", "30.00"), line("usage", "calls", "0", "0.00")), twelfth.lines());

        final Instant ended = Instant.parse("2027-04-10T09:00:00Z");
        rater.subscribe(yearly.endedAt(ended), ended);
        final PeriodStatement last = closedAt(ended);
        // 27 of the second year's 366 days billable (Mar 15 to Apr 10): 300 x 27/366 = 22.13 => -277.87;
        // seats 120 x 27/366 = 8.85 => -111.15; support 30 x 27/366 = 2.21 => -27.79
        assertEquals(List.of(line("advance_credit", "pro", "1", "-277.87"),
            line("advance_credit", "seats", "2", "-111.15"), support("advance_credit", "-27.79"),
            line("usage", "calls", "0", "0.00")), last.lines());
        assertEquals(new BigDecimal("-416.81"), last.total());
        assertTrue(rater.statements.isEmpty());
    }

    @Test
    void shouldBillTheCalendarYearInArrearsOnItsLastMonthsStatement() {
        plan("in_arrears");
        rater.subscribe(new Subscription("sub_1", "acme", "pro", null, STARTED, null, "calendar", null, List.of(),
            List.of(), null, Subscription.YEARLY), STARTED.minusSeconds(60));
        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-20T12:00:00Z"));
        final PeriodStatement march = closedAt(Instant.parse("2026-04-01T00:00:00Z"));
        assertEquals(List.of(line("usage", "calls", "500", "1.00")), march.lines());
        for (int month = 5; month <= 12; month++) {
            final PeriodStatement statement = closedAt(Instant.parse("2026-%02d-01T00:00:00Z".formatted(month)));
            assertEquals(List.of(line("usage", "calls", "0", "0.00")), statement.lines(), "month " + month);
        }

        // December closes 2026: 292 of its 365 days from Mar 15, 300 x 292/365 = 240.00
        final PeriodStatement december = closedAt(Instant.parse("2027-01-01T00:00:00Z"));
        assertEquals(List.of(line("subscription", "pro", "1", "240.00"), line("usage", "calls", "0", "0.00")),
            december.lines());
        assertEquals(new BigDecimal("240.00"), december.total());
    }
}
