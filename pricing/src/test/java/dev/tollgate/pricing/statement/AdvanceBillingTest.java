package dev.tollgate.pricing.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.period.BillingAnchor;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fees billed in advance: the first period at the start, and the unused part back when billing ends early. */
class AdvanceBillingTest {

    private static final BillingInterval MONTHLY = BillingInterval.fromWire("monthly");
    private static final BillingPeriod MARCH = new BillingPeriod(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"));

    private static BillingSchedule schedule(Instant startedAt, Instant endedAt) {
        return new BillingSchedule(MONTHLY, BillingAnchor.fromWire("calendar"), startedAt, 0, null, endedAt);
    }

    @Test
    void shouldBillTheFirstPeriodProRatedAtTheStart() {
        // started Mar 15 10:00: 17 of March's 31 days; 10.00 x 17 / 31 = 5.4838... => 5.48
        final Fee opening = BaseFees.opening("pro", BigDecimal.ONE, new BigDecimal("10"),
                schedule(Instant.parse("2026-03-15T10:00:00Z"), null), BillTiming.ADVANCE).orElseThrow();
        assertEquals(MARCH, opening.coveredPeriod());
        assertEquals(new BigDecimal("5.48"), opening.amount(2));
    }

    @Test
    void shouldCreditTheUnusedDaysOfAFeeBilledInFull() {
        final BillingSchedule ended = schedule(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-03-16T00:00:00Z"));
        final Fee owed = new Fee("pro", BigDecimal.ONE, new BigDecimal("10"), MARCH, ended.prorationFor(MARCH));
        // owed 10.00 x 15 / 31 = 4.838... => 4.84; billed 10.00 in advance: 4.84 - 10.00 = -5.16
        assertEquals(new FeeCredit("pro", BigDecimal.ONE, new BigDecimal("-5.16")),
                BaseFees.unused(new BigDecimal("10.00"), owed, BigDecimal.ONE, 2).orElseThrow());
    }

    @Test
    void shouldCreditWholeRupiah() {
        final BillingSchedule ended = schedule(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-03-10T09:00:00Z"));
        final Fee owed = new Fee("seats", new BigDecimal("3"), new BigDecimal("33000"), MARCH,
                ended.prorationFor(MARCH));
        // 3 x 33,000 = 99,000 billed; owed 99,000 x 10 / 31 = 31,935.48... => 31,935; 31,935 - 99,000 = -67,065
        assertEquals(new FeeCredit("seats", new BigDecimal("3"), new BigDecimal("-67065")),
                BaseFees.unused(new BigDecimal("99000"), owed, BigDecimal.ONE, 0).orElseThrow());
    }

    @Test
    void shouldCreditNothingWhenTheFeeWasBilledProRatedAlready() {
        final BillingSchedule ended = schedule(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-03-16T00:00:00Z"));
        final Fee owed = new Fee("pro", BigDecimal.ONE, new BigDecimal("10"), MARCH, ended.prorationFor(MARCH));
        assertTrue(BaseFees.unused(new BigDecimal("4.84"), owed, BigDecimal.ONE, 2).isEmpty());
    }

    @Test
    void shouldListCreditsAfterTheFeesWithTheTotalTheSumOfTheLines() {
        final Statement statement = Statements.compute(new StatementRequest("pro", "USD", MARCH,
                Instant.parse("2026-03-16T01:00:00Z"), true, null, null, List.of(),
                List.of(new FeeCredit("pro", BigDecimal.ONE, new BigDecimal("-5.16"))),
                List.of(UsageCharge.of("calls", new BigDecimal("125"), new BigDecimal("0.25"))), List.of(), List.of()));
        assertEquals(List.of(LineType.ADVANCE_CREDIT, LineType.USAGE),
                statement.lines().stream().map(StatementLine::type).toList());
        // -5.16 + 0.25 = -4.91: the customer is owed money back
        assertEquals(new BigDecimal("-4.91"), statement.total());
    }

    @Test
    void shouldGiveBackTheShareOfTheUnusedFeeThatWasPaidAfterCoupons() {
        final BillingSchedule ended = schedule(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-03-16T00:00:00Z"));
        final Fee owed = new Fee("pro", BigDecimal.ONE, new BigDecimal("10"), MARCH, ended.prorationFor(MARCH));
        // billed 10.00 with 25% off that statement: paid 0.75 of it; (4.84 - 10.00) x 0.75 = -3.87
        final BigDecimal share = AdvanceBilling.paidShare(new BigDecimal("10.00"), new BigDecimal("2.50"));
        assertEquals(0, new BigDecimal("0.75").compareTo(share));
        assertEquals(new FeeCredit("pro", BigDecimal.ONE, new BigDecimal("-3.87")),
                BaseFees.unused(new BigDecimal("10.00"), owed, share, 2).orElseThrow());
    }

    @Test
    void shouldPayAllOfAStatementWithoutCouponsOrWithNothingBilled() {
        assertEquals(BigDecimal.ONE, AdvanceBilling.paidShare(new BigDecimal("10.00"), BigDecimal.ZERO));
        assertEquals(BigDecimal.ONE, AdvanceBilling.paidShare(new BigDecimal("-4.00"), new BigDecimal("1.00")));
        assertEquals(0, BigDecimal.ZERO.compareTo(AdvanceBilling.paidShare(new BigDecimal("3.00"),
                new BigDecimal("3.00"))));
    }

    @Test
    void shouldApplyCouponsToWhatTheStatementBillsAndNotToTheAdvanceCredit() {
        final Coupon fifth = new Coupon("FIFTH", CouponType.PERCENTAGE, new BigDecimal("20"), null, null, null, null,
                null, List.of());
        final Statement statement = Statements.compute(new StatementRequest("pro", "USD", MARCH,
                Instant.parse("2026-03-16T01:00:00Z"), true, null, null, List.of(),
                List.of(new FeeCredit("pro", BigDecimal.ONE, new BigDecimal("-10.00"))),
                List.of(UsageCharge.of("calls", new BigDecimal("500"), new BigDecimal("50"))), List.of(fifth),
                List.of()));
        // 20% of the 50.00 billed = 10.00; the credit stays whole: 50.00 - 10.00 - 10.00 = 30.00
        assertEquals(new BigDecimal("-10.00"), statement.lines().get(2).amount());
        assertEquals(new BigDecimal("40.00"), statement.subtotal());
        assertEquals(new BigDecimal("30.00"), statement.total());
    }

    @Test
    void shouldApplyCouponsToUsageEvenWhenTheCreditExceedsIt() {
        final Coupon fixed = new Coupon("FIVE", CouponType.FIXED_AMOUNT, null, new BigDecimal("5"), "USD", null, null,
                null, List.of());
        final Statement statement = Statements.compute(new StatementRequest("pro", "USD", MARCH,
                Instant.parse("2026-03-16T01:00:00Z"), true, null, null, List.of(),
                List.of(new FeeCredit("pro", BigDecimal.ONE, new BigDecimal("-20.00"))),
                List.of(UsageCharge.of("calls", new BigDecimal("500"), new BigDecimal("8"))), List.of(fixed),
                List.of()));
        // 8.00 billed, 5.00 off it, 20.00 back: -17.00
        assertEquals(new BigDecimal("-17.00"), statement.total());
    }
}
