package dev.tollgate.pricing.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefundsTest {

    @Test
    void shouldRefundWhatIsLeftWhenNoAmountIsGiven() {
        // 150752 total, 50000 refunded before: 100752 left
        final RefundDecision.Granted granted = granted(Refunds.decide(new BigDecimal("150752"),
            new BigDecimal("50000"), Optional.empty(), "IDR"));
        assertEquals(new BigDecimal("100752"), granted.amount());
        assertEquals(new BigDecimal("150752"), granted.refundedTotal());
        assertEquals(0, granted.remaining().signum());
        assertTrue(granted.full());
    }

    @Test
    void shouldGrantAPartialRefundAtTheCurrencyScale() {
        // 19.99 - 5.5 = 14.49 left
        final RefundDecision.Granted granted = granted(Refunds.decide(new BigDecimal("19.99"), BigDecimal.ZERO,
            Optional.of(new BigDecimal("5.5")), "USD"));
        assertEquals(new BigDecimal("5.50"), granted.amount());
        assertEquals(new BigDecimal("5.50"), granted.refundedTotal());
        assertEquals(new BigDecimal("14.49"), granted.remaining());
        assertFalse(granted.full());
    }

    @Test
    void shouldGrantExactlyTheRemainder() {
        // 10.00 - 7.50 = 2.50 left; asking 2.500 is asking 2.50
        final RefundDecision.Granted granted = granted(Refunds.decide(new BigDecimal("10.00"), new BigDecimal("7.50"),
            Optional.of(new BigDecimal("2.500")), "USD"));
        assertEquals(new BigDecimal("2.50"), granted.amount());
        assertTrue(granted.full());
    }

    @Test
    void shouldRefuseMoreThanIsLeft() {
        // 10.00 - 7.50 = 2.50 left; 2.51 is one cent too many
        assertEquals("a refund of 2.51 USD exceeds the 2.50 USD left to refund on the statement",
            refused(Refunds.decide(new BigDecimal("10.00"), new BigDecimal("7.50"),
                Optional.of(new BigDecimal("2.51")), "USD")).detail());
    }

    @Test
    void shouldRefuseAFullyRefundedStatement() {
        assertEquals("the statement is already fully refunded (10.00 USD)", refused(Refunds.decide(
            new BigDecimal("10.00"), new BigDecimal("10.00"), Optional.empty(), "USD")).detail());
    }

    @Test
    void shouldRefuseAStatementWithNothingToRefund() {
        assertEquals("the statement's total is 0 IDR: there is nothing to refund",
            refused(Refunds.decide(BigDecimal.ZERO, BigDecimal.ZERO, Optional.empty(), "IDR")).detail());
    }

    @Test
    void shouldRefuseZeroNegativeAndSubMinorAmounts() {
        assertEquals("a refund amount must be greater than 0, not 0", refused(Refunds.decide(BigDecimal.TEN,
            BigDecimal.ZERO, Optional.of(BigDecimal.ZERO), "USD")).detail());
        assertEquals("a refund amount must be greater than 0, not -1", refused(Refunds.decide(BigDecimal.TEN,
            BigDecimal.ZERO, Optional.of(BigDecimal.ONE.negate()), "USD")).detail());
        assertEquals("0.5 has more decimals than IDR has minor units (0)", refused(Refunds.decide(BigDecimal.TEN,
            BigDecimal.ZERO, Optional.of(new BigDecimal("0.5")), "IDR")).detail());
        assertEquals("1.005 has more decimals than USD has minor units (2)", refused(Refunds.decide(BigDecimal.TEN,
            BigDecimal.ZERO, Optional.of(new BigDecimal("1.005")), "USD")).detail());
    }

    private static RefundDecision.Granted granted(final RefundDecision decision) {
        return assertInstanceOf(RefundDecision.Granted.class, decision, decision::toString);
    }

    private static RefundDecision.Refused refused(final RefundDecision decision) {
        return assertInstanceOf(RefundDecision.Refused.class, decision, decision::toString);
    }
}
