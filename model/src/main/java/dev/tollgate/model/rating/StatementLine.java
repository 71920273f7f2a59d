package dev.tollgate.model.rating;

import java.math.BigDecimal;

/**
 * One line of a period statement, amount rounded to the currency's minor unit.
 *
 * @param type subscription, fee, seats, add_on, advance_credit, usage, minimum_commitment, coupon, credit,
 *             interim_billed (interim_usage on an interim statement, refund on an adjustment)
 * @param invoiceDisplayName what an invoice prints for the line: the charge's, the plan's or the add-on's
 *                           display name; null when none is set (and on records written before lines had it)
 * @param unitLabel what one unit of a usage line is called ("second", "message"); null when not set
 */
public record StatementLine(String type, String code, BigDecimal units, BigDecimal amount,
                            String invoiceDisplayName, String unitLabel) {

    public StatementLine(final String type, final String code, final BigDecimal units, final BigDecimal amount) {
        this(type, code, units, amount, null, null);
    }
}
