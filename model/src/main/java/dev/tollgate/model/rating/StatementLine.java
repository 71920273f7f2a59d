package dev.tollgate.model.rating;

import java.math.BigDecimal;

/**
 * One line of a period statement, amount rounded to the currency's minor unit.
 *
 * @param type subscription, seats, add_on, usage, coupon, credit (or refund on an adjustment)
 */
public record StatementLine(String type, String code, BigDecimal units, BigDecimal amount) {
}
