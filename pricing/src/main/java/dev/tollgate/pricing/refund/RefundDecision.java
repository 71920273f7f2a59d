package dev.tollgate.pricing.refund;

import java.math.BigDecimal;

/** What {@link Refunds#decide} made of one refund request. */
public sealed interface RefundDecision {

    /**
     * @param amount        what this refund gives back, at the currency's minor unit
     * @param refundedTotal every refund of the statement so far, this one included
     * @param remaining     what may still be refunded after this one
     */
    record Granted(BigDecimal amount, BigDecimal refundedTotal, BigDecimal remaining) implements RefundDecision {

        public boolean full() {
            return remaining.signum() == 0;
        }
    }

    /** @param detail why, in words an operator can act on */
    record Refused(String detail) implements RefundDecision {
    }
}
