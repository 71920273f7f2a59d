package dev.tollgate.pricing.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.Proration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StatementsPropertyTest {

    private static final BillingPeriod PERIOD = new BillingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-02-01T00:00:00Z"));

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("10000")).ofScale(6);
    }

    @Provide
    Arbitrary<StatementRequest> requests() {
        final Arbitrary<String> currency = Arbitraries.of("USD", "IDR", "JPY", "KWD", "EUR");
        final Arbitrary<UsageCharge> usage = Combinators.combine(Arbitraries.strings().alpha().ofLength(4), amounts(),
                amounts()).as(UsageCharge::of);
        final Arbitrary<Fee> base = Combinators.combine(amounts(), Arbitraries.integers().between(0, 31))
                .as((amount, days) -> new Fee("base", BigDecimal.ONE, amount, PERIOD, new Proration(days, 31)))
                .injectNull(0.3);
        final Arbitrary<Coupon> coupon = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("100")).ofScale(2)
                        .map(rate -> Coupon.percentage("P" + rate, rate)),
                amounts().filter(a -> a.signum() > 0).map(a -> Coupon.fixed("F" + a, a, "USD")));
        final Arbitrary<CreditBalance> credit = amounts().map(a -> new CreditBalance("W" + a, a));
        return Combinators.combine(currency, base, usage.list().ofMaxSize(6), coupon.list().ofMaxSize(3),
                credit.list().ofMaxSize(2))
                .as((c, b, u, coupons, credits) -> new StatementRequest("pro", c, PERIOD,
                        Instant.parse("2026-02-01T00:00:00Z"), true, b, null, List.of(), u, coupons, credits));
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void totalIsTheSumOfRoundedLinesAndNeverNegative(@ForAll("requests") StatementRequest request) {
        final Statement statement = Statements.compute(request);
        final int scale = Currencies.minorUnits(request.currency());
        BigDecimal sum = BigDecimal.ZERO;
        for (StatementLine line : statement.lines()) {
            assertTrue(line.amount().scale() <= scale, () -> line + " is not rounded to " + scale + " decimals");
            sum = sum.add(line.amount());
        }
        assertEquals(0, sum.compareTo(statement.total()));
        assertTrue(statement.total().signum() >= 0);
        assertTrue(statement.total().compareTo(statement.subtotal()) <= 0);
    }
}
