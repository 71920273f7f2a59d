package dev.tollgate.pricing.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.Proration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MinimumCommitmentTest {

    private static final BillingPeriod JANUARY = new BillingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-02-01T00:00:00Z"));
    private static final Instant CLOSED = Instant.parse("2026-02-01T01:00:00Z");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Fee minimum(String amount, Proration proration) {
        return new Fee("pro", BigDecimal.ONE, d(amount), JANUARY, proration);
    }

    private static Statement statement(Fee base, List<UsageCharge> usage, List<Coupon> coupons, Fee minimum) {
        return Statements.compute(new StatementRequest("pro", "USD", JANUARY, CLOSED, true, base, List.of(), null,
                List.of(), List.of(), usage, coupons, List.of(), minimum, null));
    }

    private static List<String> lines(Statement statement) {
        return statement.lines().stream()
                .map(l -> l.type().wireName() + " " + l.code() + " " + l.amount().toPlainString())
                .collect(Collectors.toList());
    }

    @Test
    void shouldBillWhatTheFeesAndUsageFallShortOfTheMinimum() {
        final Statement statement = statement(new Fee("pro", BigDecimal.ONE, d("20"), JANUARY, Proration.full()),
                List.of(UsageCharge.of("calls", d("1000"), d("12.344"))), List.of(), minimum("100", Proration.full()));
        // 100.00 - (20.00 + 12.34) = 67.66
        assertEquals(List.of("subscription pro 20.00", "usage calls 12.34", "minimum_commitment pro 67.66"),
                lines(statement));
        assertEquals(d("100.00"), statement.subtotal());
        assertEquals(d("100.00"), statement.total());
    }

    @Test
    void shouldBillNothingWhenThePeriodReachesTheMinimum() {
        final Statement exactly = statement(null, List.of(UsageCharge.of("calls", d("1"), d("99.995"))), List.of(),
                minimum("100", Proration.full()));
        assertEquals(List.of("usage calls 100.00"), lines(exactly));
        final Statement past = statement(null, List.of(UsageCharge.of("calls", d("1"), d("150"))), List.of(),
                minimum("100", Proration.full()));
        assertEquals(List.of("usage calls 150.00"), lines(past));
    }

    @Test
    void shouldProrateTheMinimumAsTheBaseFeeIs() {
        // 10 of 31 days: 100 x 10/31 = 32.258... -> 32.26, less 5.00 of usage
        final Statement statement = statement(null, List.of(UsageCharge.of("calls", d("5"), d("5"))), List.of(),
                minimum("100", new Proration(10, 31)));
        assertEquals(List.of("usage calls 5.00", "minimum_commitment pro 27.26"), lines(statement));
    }

    @Test
    void shouldApplyCouponsAfterTheTrueUp() {
        final Statement statement = statement(null, List.of(UsageCharge.of("calls", d("5"), d("40"))),
                List.of(Coupon.percentage("TEN", d("10"))), minimum("100", Proration.full()));
        assertEquals(List.of("usage calls 40.00", "minimum_commitment pro 60.00", "coupon TEN -10.00"),
                lines(statement));
        assertEquals(d("90.00"), statement.total());
    }

    @Test
    void shouldOweNoTrueUpForAPeriodWithNoBillableDays() {
        assertEquals(Optional.empty(), MinimumCommitment.trueUp(minimum("100", new Proration(0, 31)), d("0"), 2));
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000")).ofScale(6);
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("USD", "JPY", "KWD");
    }

    @Property(tries = 2000)
    void trueUpAndBilledReachTheMinimumAndNothingIsOwedPastIt(@ForAll("amounts") BigDecimal minimum,
            @ForAll("amounts") BigDecimal billed, @ForAll @IntRange(min = 0, max = 31) int days,
            @ForAll("currencies") String currency) {
        final int scale = Currencies.minorUnits(currency);
        final Fee owed = new Fee("pro", BigDecimal.ONE, minimum, JANUARY, new Proration(days, 31));
        final BigDecimal roundedBilled = billed.setScale(scale, RoundingMode.HALF_UP);
        final Optional<BigDecimal> trueUp = MinimumCommitment.trueUp(owed, billed, scale);
        final BigDecimal added = trueUp.orElse(BigDecimal.ZERO);
        assertTrue(added.signum() >= 0);
        assertTrue(added.scale() <= scale);
        assertTrue(roundedBilled.add(added).compareTo(owed.amount(scale)) >= 0);
        if (roundedBilled.compareTo(owed.amount(scale)) >= 0) {
            assertEquals(Optional.empty(), trueUp);
        } else {
            assertEquals(0, roundedBilled.add(added).compareTo(owed.amount(scale)));
        }
    }
}
