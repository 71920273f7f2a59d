package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanFee;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan fee on its own interval beside the base price: a yearly platform fee on a monthly plan. */
class PlanFeesTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;
    private final Subscription subscription = new Subscription("sub_1", "acme", "pro", null, STARTED, null,
        "calendar");

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, STARTED.minusSeconds(60));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private void plan(final String billTiming) {
        rater.plans.pipeInput("pro", new Plan("pro", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Pro", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(), null, null, null, null,
            billTiming, null, 0, null, false, null, null, null, null, null, null, List.of(new PlanFee("platform",
                "Platform", "Platform fee", new BigDecimal("120"), new PlanFee.FeeInterval("year", 1)))))));
        rater.subscribe(subscription, STARTED.minusSeconds(60));
    }

    private static StatementLine base(final String amount) {
        return new StatementLine("subscription", "pro", BigDecimal.ONE, new BigDecimal(amount));
    }

    private static StatementLine platform(final String type, final String amount) {
        return new StatementLine(type, "platform", BigDecimal.ONE, new BigDecimal(amount), "Platform fee", null);
    }

    private PeriodStatement closedAt(final Instant end) {
        rater.wallClockTo(end.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement statement = rater.statements.readValue();
        assertEquals(end, statement.period().end());
        return statement;
    }

    @Test
    void shouldBillAYearlyFeeOnceInTwelveMonthlyStatements() {
        plan("in_arrears");
        int billed = 0;
        for (int month = 1; month <= 12; month++) {
            final PeriodStatement statement = closedAt(LocalDate.of(2026, 1, 1).plusMonths(month)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
            if (month < 12) {
                assertEquals(List.of(base("10.00")), statement.lines(), "month " + month);
            } else {
                // December closes the calendar year: 10.00 base and the year's 120.00 fee
                assertEquals(List.of(base("10.00"), platform("fee", "120.00")), statement.lines());
                assertEquals(new BigDecimal("130.00"), statement.total());
            }
            billed += (int) statement.lines().stream().filter(line -> "fee".equals(line.type())).count();
        }
        assertEquals(1, billed);
    }

    @Test
    void shouldBillAYearlyFeeInAdvanceAndGiveBackItsUnusedDays() {
        plan("in_advance");
        rater.wallClockTo(STARTED.plusSeconds(1));
        final PeriodStatement opening = rater.statements.readValue();
        assertEquals(List.of(base("10.00"), platform("fee", "120.00")), opening.lines());

        // January's statement bills February's base, not the fee: the year is not over
        assertEquals(List.of(base("10.00")), closedAt(Instant.parse("2026-02-01T00:00:00Z")).lines());

        final Instant ended = Instant.parse("2026-02-10T09:00:00Z");
        rater.subscribe(subscription.endedAt(ended), ended);
        final PeriodStatement last = closedAt(ended);
        // February owes 10 of 28 days: 3.57 of the 10.00 billed => -6.43; the year owes 41 of 365 days:
        // 120 x 41/365 = 13.48 of the 120.00 billed on the opening statement => -106.52
        assertEquals(List.of(new StatementLine("advance_credit", "pro", BigDecimal.ONE, new BigDecimal("-6.43")),
            platform("advance_credit", "-106.52")), last.lines());
        assertEquals(new BigDecimal("-112.95"), last.total());
        assertTrue(rater.statements.isEmpty());
    }
}
