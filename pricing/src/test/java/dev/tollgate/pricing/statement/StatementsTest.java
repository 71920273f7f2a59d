package dev.tollgate.pricing.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.pricing.period.BillingAnchor;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import dev.tollgate.pricing.period.Proration;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementsTest {

    private static final BillingPeriod JANUARY = new BillingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-02-01T00:00:00Z"));
    private static final Instant CLOSED = Instant.parse("2026-02-01T01:00:00Z");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static StatementRequest request(String currency, List<UsageCharge> usage, List<Coupon> coupons,
            List<CreditBalance> credits) {
        return new StatementRequest("pro", currency, JANUARY, CLOSED, true, null, null, List.of(), usage, coupons,
                credits);
    }

    private static List<String> amounts(Statement statement) {
        return statement.lines().stream()
                .map(l -> l.type().wireName() + " " + l.code() + " " + l.amount().toPlainString())
                .collect(Collectors.toList());
    }

    @Test
    void shouldRoundEachLineAndTotalTheRoundedLines() {
        final StatementRequest request = new StatementRequest("pro", "USD", JANUARY, CLOSED, true,
                new Fee("pro", BigDecimal.ONE, d("49.99"), JANUARY, Proration.full()),
                new Fee("agent_seats", d("3"), d("10"), JANUARY, new Proration(17, 31)),
                List.of(Fee.oneOff("onboarding", d("2"), d("4.995"))),
                List.of(UsageCharge.of("calls", d("90.5"), d("0.905")),
                        UsageCharge.of("sms", d("1234"), d("12.3449"))),
                List.of(Coupon.percentage("WELCOME10", d("10")), Coupon.fixed("FIVE", d("5"), "USD")),
                List.of(new CreditBalance("wallet", d("100"))));
        final Statement statement = Statements.compute(request);
        assertEquals(List.of(
                "subscription pro 49.99",
                // 3 x 10 x 17 / 31 = 16.4516... -> 16.45
                "seats agent_seats 16.45",
                // 2 x 4.995 = 9.99
                "add_on onboarding 9.99",
                // 0.905 -> 0.91 half-up
                "usage calls 0.91",
                // 12.3449 -> 12.34
                "usage sms 12.34",
                // subtotal 89.68; 10 % = 8.968 -> 8.97
                "coupon WELCOME10 -8.97",
                // 80.71 left; 5 off
                "coupon FIVE -5.00",
                // 75.71 paid by prepaid credits
                "credit wallet -75.71"), amounts(statement));
        assertEquals(d("89.68"), statement.subtotal());
        assertEquals(d("0.00"), statement.total());
        assertEquals(List.of(new AppliedAmount("WELCOME10", d("8.97")), new AppliedAmount("FIVE", d("5.00"))),
                statement.couponsApplied());
        assertEquals(List.of(new AppliedAmount("wallet", d("75.71"))), statement.creditsApplied());
    }

    @Test
    void shouldListThePlansOtherFeesAfterItsBaseEachRoundedOnItsOwn() {
        final BillingPeriod year = new BillingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"));
        final StatementRequest request = new StatementRequest("pro", "USD", JANUARY, CLOSED, true,
                new Fee("pro", BigDecimal.ONE, d("10"), JANUARY, Proration.full()),
                List.of(new Fee("platform", BigDecimal.ONE, d("120"), year, new Proration(292, 365))),
                new Fee("seats", d("2"), d("5"), JANUARY, Proration.full()), List.of(), List.of(), List.of(),
                List.of(), List.of());
        final Statement statement = Statements.compute(request);
        // 120 x 292/365 = 96.00
        assertEquals(List.of("subscription pro 10.00", "fee platform 96.00", "seats seats 10.00"),
                amounts(statement));
        assertEquals(d("116.00"), statement.total());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
        "USD, 0.005, 0.01",
        "USD, 0.00499, 0.00",
        "USD, -0.005, -0.01",
        "IDR, 12345.5, 12346",
        "IDR, 12345.49, 12345",
        "JPY, 0.5, 1",
        "KWD, 1.2345, 1.235",
        "KWD, 1.23449, 1.234"
    })
    void shouldRoundHalfUpToTheCurrencysMinorUnit(String currency, String amount, String rounded) {
        final Statement statement = Statements.compute(request(currency,
                List.of(UsageCharge.of("calls", BigDecimal.ONE, d(amount))), List.of(), List.of()));
        assertEquals(d(rounded), statement.lines().get(0).amount());
        assertEquals(d(rounded), statement.total());
    }

    @Test
    void shouldApplyPlanLimitedCouponsFirstAndSkipThoseThatDoNotApply() {
        final Coupon anyPlan = Coupon.fixed("ANY", d("30"), "USD");
        final Coupon proOnly = new Coupon("PRO", CouponType.PERCENTAGE, d("50"), null, null, 2, null, null,
                List.of("pro"));
        final Coupon otherPlan = new Coupon("OTHER", CouponType.PERCENTAGE, d("50"), null, null, null, null, null,
                List.of("basic"));
        final Coupon expired = new Coupon("OLD", CouponType.PERCENTAGE, d("50"), null, null, null, null,
                Instant.parse("2026-02-01T00:00:00Z"), List.of());
        final Coupon notYet = new Coupon("SOON", CouponType.PERCENTAGE, d("50"), null, null, null,
                Instant.parse("2026-03-01T00:00:00Z"), null, List.of());
        final Coupon usedUp = new Coupon("USED", CouponType.PERCENTAGE, d("50"), null, null, 0, null, null, List.of());
        final Coupon euros = Coupon.fixed("EUROS", d("5"), "EUR");
        final Statement statement = Statements.compute(request("USD",
                List.of(UsageCharge.of("calls", BigDecimal.ONE, d("100"))),
                List.of(anyPlan, otherPlan, expired, notYet, usedUp, euros, proOnly), List.of()));
        // 100 - 50 % (PRO, limited to the plan, goes first) = 50, then 30 off = 20
        assertEquals(List.of("usage calls 100.00", "coupon PRO -50.00", "coupon ANY -30.00"), amounts(statement));
        assertEquals(d("20.00"), statement.total());
    }

    @Test
    void shouldNeverDiscountOrCreditMoreThanIsLeft() {
        final Statement statement = Statements.compute(request("USD",
                List.of(UsageCharge.of("calls", BigDecimal.ONE, d("12.5"))),
                List.of(Coupon.fixed("BIG", d("20"), "USD"), Coupon.percentage("HALF", d("50"))),
                List.of(new CreditBalance("wallet", d("10")))));
        // 12.50 - min(20, 12.50) = 0: nothing left for the next coupon or for credits
        assertEquals(List.of("usage calls 12.50", "coupon BIG -12.50"), amounts(statement));
        assertEquals(d("0.00"), statement.total());
        assertEquals(List.of(), statement.creditsApplied());
    }

    @Test
    void shouldConsumeCreditsInOrderInWholeCents() {
        final Statement statement = Statements.compute(request("USD",
                List.of(UsageCharge.of("calls", BigDecimal.ONE, d("10"))), List.of(),
                List.of(new CreditBalance("promo", d("3.337")), new CreditBalance("paid", d("50")))));
        // 3.337 holds 3.33 in whole cents; the rest, 6.67, comes from the next balance
        assertEquals(List.of("usage calls 10.00", "credit promo -3.33", "credit paid -6.67"), amounts(statement));
        assertEquals(d("0.00"), statement.total());
    }

    @Test
    void shouldComputeUpcomingAndFinalStatementsTheSameWay() {
        final List<UsageCharge> usage = List.of(UsageCharge.of("calls", d("3"), d("1.234")));
        final StatementRequest upcoming = new StatementRequest("pro", "USD", JANUARY,
                Instant.parse("2026-01-20T00:00:00Z"), false, null, null, null, usage, null, null);
        final StatementRequest closed = new StatementRequest("pro", "USD", JANUARY, CLOSED, true, null, null, null,
                usage, null, null);
        assertEquals(Statements.compute(upcoming).lines(), Statements.compute(closed).lines());
        assertEquals(false, Statements.compute(upcoming).finalStatement());
    }

    @Test
    void shouldNameGroupedUsageLinesByTheirGroup() {
        final Statement statement = Statements.compute(request("USD",
                List.of(new UsageCharge("calls", Arrays.asList("eu", null), d("1"), d("1"))),
                List.of(), List.of()));
        assertEquals("calls[eu,null]", statement.lines().get(0).code());
    }

    @Test
    void shouldValidateCoupons() {
        assertEquals(List.of("percentage_rate"), fields(() -> Coupon.percentage("ZERO", BigDecimal.ZERO)));
        assertEquals(List.of("percentage_rate"), fields(() -> Coupon.percentage("MORE", d("100.5"))));
        assertEquals(List.of("amount"), fields(() -> Coupon.fixed("NONE", d("0"), "USD")));
        assertEquals(List.of("code", "amount", "amount_currency", "uses_left", "expiration_at"),
                fields(() -> new Coupon("", CouponType.FIXED_AMOUNT, null, d("-1"), null, -1,
                        CLOSED, CLOSED, List.of())));
        Coupon.percentage("ALL", d("100"));
        Coupon.percentage("ONE", d("1"));
    }

    private static List<String> fields(Runnable creation) {
        return assertThrows(InvalidPricingException.class, creation::run).errors().stream().map(FieldError::field)
                .collect(Collectors.toList());
    }

    @Test
    void shouldBillTheBasePriceForTheRightPeriod() {
        final BillingSchedule schedule = BillingSchedule.of(BillingInterval.fromWire("monthly"),
                BillingAnchor.CALENDAR, Instant.parse("2026-01-15T10:00:00Z"));
        final Optional<Fee> arrears = BaseFees.closing("pro", BigDecimal.ONE, d("31"), schedule, BillTiming.ARREARS,
                JANUARY);
        // in arrears the January statement bills January: 31 x 17 / 31 = 17.00
        assertEquals(JANUARY, arrears.orElseThrow().coveredPeriod());
        assertEquals(d("17.00"), arrears.orElseThrow().amount(2));
        // in advance, January was billed when the subscription started and its statement bills February in full
        final Fee opening = BaseFees.opening("pro", BigDecimal.ONE, d("31"), schedule, BillTiming.ADVANCE)
                .orElseThrow();
        assertEquals(d("17.00"), opening.amount(2));
        final Fee february = BaseFees.closing("pro", BigDecimal.ONE, d("31"), schedule, BillTiming.ADVANCE, JANUARY)
                .orElseThrow();
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), february.coveredPeriod().end());
        assertEquals(d("31.00"), february.amount(2));
        assertEquals(Optional.empty(), BaseFees.opening("pro", BigDecimal.ONE, d("31"), schedule, BillTiming.ARREARS));
        final BillingSchedule oneCycle = new BillingSchedule(BillingInterval.fromWire("monthly"),
                BillingAnchor.CALENDAR, Instant.parse("2026-01-15T10:00:00Z"), 0, 1, null);
        assertEquals(Optional.empty(), BaseFees.closing("pro", BigDecimal.ONE, d("31"), oneCycle, BillTiming.ADVANCE,
                JANUARY));
    }
}
