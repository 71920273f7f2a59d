package dev.tollgate.pricing.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CreditBalanceTest {

    @Test
    void shouldPayDownEventByEventUntilExhausted() {
        final CreditBalance grant = new CreditBalance("grant", new BigDecimal("1.00"));
        final CreditBalance.Drawdown first = grant.draw(new BigDecimal("0.905"));
        assertEquals(new BigDecimal("0.905"), first.drawn());
        assertFalse(first.exhausted());
        final CreditBalance.Drawdown second = first.remaining().draw(new BigDecimal("0.5"));
        // only 0.095 was left: the event's remaining 0.405 is not covered
        assertEquals(new BigDecimal("0.095"), second.drawn());
        assertTrue(second.exhausted());
        assertEquals(BigDecimal.ZERO.compareTo(grant.draw(new BigDecimal("-3")).drawn()), 0);
    }

    @Test
    void shouldRejectANegativeBalance() {
        assertThrows(IllegalArgumentException.class, () -> new CreditBalance("w", new BigDecimal("-1")));
    }

    @Test
    void shouldNameTimingsAsLagoDoes() {
        assertEquals(BillTiming.ADVANCE, BillTiming.ofPayInAdvance(true));
        assertEquals(BillTiming.ARREARS, BillTiming.fromWire("in_arrears"));
        assertEquals("bill_timing", assertThrows(InvalidPricingException.class,
                () -> BillTiming.fromWire("later")).errors().get(0).field());
        assertEquals(CouponType.PERCENTAGE, CouponType.fromWire("percentage"));
        assertThrows(InvalidPricingException.class, () -> CouponType.fromWire("free"));
    }
}
