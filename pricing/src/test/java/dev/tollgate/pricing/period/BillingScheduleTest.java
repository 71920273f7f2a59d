package dev.tollgate.pricing.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BillingScheduleTest {

    private static final BillingInterval MONTHLY = BillingInterval.fromWire("monthly");
    private static final Instant JAN_15 = Instant.parse("2026-01-15T10:00:00Z");
    private static final BillingPeriod JANUARY = new BillingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-02-01T00:00:00Z"));
    private static final BillingPeriod MARCH = new BillingPeriod(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void shouldProrateAStartMidPeriodByDaysIncludingTheStartDay() {
        final BillingSchedule schedule = BillingSchedule.of(MONTHLY, BillingAnchor.CALENDAR, JAN_15);
        // Jan 15 .. Jan 31 = 17 of 31 days
        assertEquals(new Proration(17, 31), schedule.prorationFor(JANUARY));
        assertEquals(Optional.of(new BillingPeriod(JAN_15, JANUARY.end())), schedule.statementPeriodAt(JAN_15));
        // 31.00 x 17 / 31 = 17.00
        assertEquals(new BigDecimal("17.00"), schedule.prorationFor(JANUARY).apply(new BigDecimal("31"), 2));
    }

    @Test
    void shouldChargeTheWholeFirstAnniversaryPeriod() {
        final BillingSchedule schedule = BillingSchedule.of(MONTHLY, BillingAnchor.ANNIVERSARY, JAN_15);
        assertTrue(schedule.prorationFor(schedule.gridPeriodAt(JAN_15)).isFull());
    }

    @Test
    void shouldProrateATerminationIncludingTheLastDay() {
        final BillingSchedule endsMidDay = new BillingSchedule(MONTHLY, BillingAnchor.CALENDAR, JAN_15, 0, null,
                Instant.parse("2026-03-10T09:00:00Z"));
        // Mar 1 .. Mar 10 = 10 of 31 days
        assertEquals(new Proration(10, 31), endsMidDay.prorationFor(MARCH));
        assertEquals(Optional.of(new BillingPeriod(MARCH.start(), Instant.parse("2026-03-10T09:00:00Z"))),
                endsMidDay.statementPeriodAt(Instant.parse("2026-03-10T08:59:59Z")));
        assertEquals(Optional.empty(), endsMidDay.statementPeriodAt(Instant.parse("2026-03-10T09:00:00Z")));
        final BillingSchedule endsAtMidnight = new BillingSchedule(MONTHLY, BillingAnchor.CALENDAR, JAN_15, 0, null,
                Instant.parse("2026-03-10T00:00:00Z"));
        // ended at the first instant of Mar 10: Mar 1 .. Mar 9 = 9 days
        assertEquals(new Proration(9, 31), endsAtMidnight.prorationFor(MARCH));
    }

    @Test
    void shouldNotChargeTrialDays() {
        final BillingSchedule schedule = new BillingSchedule(MONTHLY, BillingAnchor.CALENDAR, JAN_15, 14, null, null);
        assertEquals(Instant.parse("2026-01-29T10:00:00Z"), schedule.trialEndsAt());
        // trial ends on Jan 29: Jan 29 .. Jan 31 = 3 of 31 days
        assertEquals(new Proration(3, 31), schedule.prorationFor(JANUARY));
        final BillingSchedule longTrial = new BillingSchedule(MONTHLY, BillingAnchor.CALENDAR, JAN_15, 30, null, null);
        // trial ends Feb 14 10:00: nothing in January, Feb 14 .. Feb 28 = 15 of 28 days
        assertEquals(new Proration(0, 31), longTrial.prorationFor(JANUARY));
        assertEquals(new Proration(15, 28), longTrial.prorationFor(longTrial.gridPeriodAt(
                Instant.parse("2026-02-20T00:00:00Z"))));
    }

    @Test
    void shouldStopBillingAfterTheLastCycle() {
        final BillingSchedule anniversary = new BillingSchedule(MONTHLY, BillingAnchor.ANNIVERSARY,
                Instant.parse("2025-01-31T12:00:00Z"), 0, 3, null);
        // Jan 31 -> Feb 28 -> Mar 31 -> Apr 30
        assertEquals(Optional.of(Instant.parse("2025-04-30T00:00:00Z")), anniversary.billingEndsAt());
        assertTrue(anniversary.isBillableAt(Instant.parse("2025-04-29T23:59:59Z")));
        assertFalse(anniversary.isBillableAt(Instant.parse("2025-04-30T00:00:00Z")));
        final BillingSchedule calendar = new BillingSchedule(MONTHLY, BillingAnchor.CALENDAR, JAN_15, 0, 2, null);
        // the partial January counts as the first cycle
        assertEquals(Optional.of(Instant.parse("2026-03-01T00:00:00Z")), calendar.billingEndsAt());
        final BillingSchedule terminatedEarlier = new BillingSchedule(MONTHLY, BillingAnchor.CALENDAR, JAN_15, 0, 2,
                Instant.parse("2026-02-10T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-02-10T00:00:00Z")), terminatedEarlier.billingEndsAt());
    }

    @Test
    void shouldRoundAProratedAmountOnceHalfUp() {
        // 10 x 1 / 3 = 3.333... -> 3.33; 20 x 1 / 3 = 6.666... -> 6.67; 0.5 JPY -> 1
        assertEquals(new BigDecimal("3.33"), new Proration(1, 3).apply(BigDecimal.TEN, 2));
        assertEquals(new BigDecimal("6.67"), new Proration(1, 3).apply(new BigDecimal("20"), 2));
        assertEquals(new BigDecimal("1"), new Proration(1, 2).apply(BigDecimal.ONE, 0));
    }
}
