package dev.tollgate.pricing.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.Proration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class InterimBillingTest {

    private static final BillingPeriod JANUARY = new BillingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-02-01T00:00:00Z"));
    private static final Instant CLOSED = Instant.parse("2026-02-01T01:00:00Z");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static List<BigDecimal> ds(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private static Statement closing(BigDecimal usage, List<Coupon> coupons, List<CreditBalance> credits,
            Fee minimum, BigDecimal interimBilled) {
        return Statements.compute(new StatementRequest("pro", "USD", JANUARY, CLOSED, true,
                new Fee("pro", BigDecimal.ONE, d("10"), JANUARY, Proration.full()), List.of(), null, List.of(),
                List.of(), List.of(UsageCharge.of("calls", BigDecimal.ONE, usage)), coupons, credits, minimum,
                interimBilled));
    }

    @Test
    void shouldBillTheRunningAmountLessEarlierInterimStatements() {
        assertEquals(d("100.00"), InterimBilling.due(d("100.004"), BigDecimal.ZERO, 2));
        assertEquals(d("150.01"), InterimBilling.due(d("250.005"), d("100.00"), 2));
        final Statement interim = InterimBilling.statement("pro", "USD", JANUARY, d("250.005"), d("100.00"));
        assertEquals(List.of(new StatementLine(LineType.INTERIM_USAGE, "pro", BigDecimal.ONE, d("150.01"))),
                interim.lines());
        assertEquals(d("150.01"), interim.total());
        assertEquals(false, interim.finalStatement());
    }

    @Test
    void shouldFindTheThresholdsAnAmountRoseTo() {
        final List<BigDecimal> thresholds = ds("10", "20", "30");
        assertEquals(ds("10"), InterimBilling.reached(thresholds, d("9.99"), d("10")));
        assertEquals(List.of(), InterimBilling.reached(thresholds, d("10"), d("19.99")));
        assertEquals(ds("20", "30"), InterimBilling.reached(thresholds, d("19"), d("35")));
        assertEquals(List.of(), InterimBilling.reached(thresholds, d("35"), d("5")));
    }

    @Test
    void shouldSubtractWhatInterimStatementsBilledAfterCouponsAndCredits() {
        final Statement whole = closing(d("40"), List.of(Coupon.percentage("TEN", d("10"))), List.of(), null,
                BigDecimal.ZERO);
        final Statement rest = closing(d("40"), List.of(Coupon.percentage("TEN", d("10"))), List.of(), null,
                d("30.00"));
        assertEquals(List.of("subscription pro 10.00", "usage calls 40.00", "coupon TEN -5.00",
                "interim_billed pro -30.00"), lines(rest));
        assertEquals(d("45.00"), whole.total());
        assertEquals(d("15.00"), rest.total());
        assertEquals(whole.subtotal(), rest.subtotal());
    }

    private static List<String> lines(Statement statement) {
        return statement.lines().stream()
                .map(l -> l.type().wireName() + " " + l.code() + " " + l.amount().toPlainString())
                .collect(Collectors.toList());
    }

    @Provide
    Arbitrary<List<BigDecimal>> deltas() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, d("50")).ofScale(4).list().ofMinSize(1)
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<BigDecimal>> thresholds() {
        return Arbitraries.bigDecimals().between(d("0.01"), d("500")).ofScale(2).set().ofMaxSize(5)
                .map(set -> set.stream().sorted().toList());
    }

    @Property(tries = 1000)
    void interimAndFinalStatementsBillWhatAPeriodWithoutThresholdsBills(@ForAll("deltas") List<BigDecimal> deltas,
            @ForAll("thresholds") List<BigDecimal> thresholds, @ForAll boolean coupon, @ForAll boolean minimum) {
        BigDecimal running = BigDecimal.ZERO;
        BigDecimal billed = BigDecimal.ZERO;
        final List<BigDecimal> interims = new ArrayList<>();
        for (BigDecimal delta : deltas) {
            final BigDecimal before = running;
            running = running.add(delta);
            if (!InterimBilling.reached(thresholds, before, running).isEmpty()) {
                final Statement interim = InterimBilling.statement("pro", "USD", JANUARY, running, billed);
                interims.add(interim.total());
                billed = billed.add(interim.total());
            }
        }
        final List<Coupon> coupons = coupon ? List.of(Coupon.fixed("FIVE", d("5"), "USD")) : List.of();
        final List<CreditBalance> credits = List.of(new CreditBalance("wallet", d("7")));
        final Fee floor = minimum ? new Fee("pro", BigDecimal.ONE, d("200"), JANUARY, Proration.full()) : null;
        final Statement without = closing(running, coupons, credits, floor, BigDecimal.ZERO);
        final Statement rest = closing(running, coupons, credits, floor, billed);
        final BigDecimal together = interims.stream().reduce(rest.total(), BigDecimal::add);
        assertEquals(0, together.compareTo(without.total()), () -> interims + " + " + rest.total() + " vs "
                + without.total());
    }
}
