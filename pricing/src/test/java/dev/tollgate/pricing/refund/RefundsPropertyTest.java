package dev.tollgate.pricing.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RefundsPropertyTest {

    @Provide
    Arbitrary<BigDecimal> totals() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-50"), new BigDecimal("100000")).ofScale(2);
    }

    @Provide
    Arbitrary<List<Optional<BigDecimal>>> requests() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-5"), new BigDecimal("60000")).ofScale(3)
            .optional(0.8).list().ofMaxSize(12);
    }

    /** Whatever is asked, in whatever order, the granted refunds add up to at most the total. */
    @Property(tries = 3000)
    void grantedRefundsNeverExceedTheTotal(@ForAll("totals") final BigDecimal total,
                                           @ForAll("requests") final List<Optional<BigDecimal>> requests) {
        BigDecimal refunded = BigDecimal.ZERO;
        for (final Optional<BigDecimal> requested : requests) {
            final RefundDecision decision = Refunds.decide(total, refunded, requested, "USD");
            if (decision instanceof RefundDecision.Granted granted) {
                assertTrue(granted.amount().signum() > 0);
                assertEquals(2, granted.amount().scale());
                requested.ifPresent(asked -> assertEquals(0, asked.compareTo(granted.amount())));
                refunded = refunded.add(granted.amount());
                assertEquals(0, refunded.compareTo(granted.refundedTotal()));
                assertEquals(0, total.subtract(refunded).compareTo(granted.remaining()));
            }
            assertTrue(refunded.compareTo(total.max(BigDecimal.ZERO)) <= 0, refunded + " > " + total);
        }
    }

    /** A request without an amount always leaves the statement fully refunded, when it is granted. */
    @Property(tries = 1000)
    void aFullRefundLeavesNothing(@ForAll("totals") final BigDecimal total) {
        if (Refunds.decide(total, BigDecimal.ZERO, Optional.empty(), "USD") instanceof RefundDecision.Granted granted) {
            assertEquals(0, granted.amount().compareTo(total));
            assertTrue(granted.full());
        }
    }
}
