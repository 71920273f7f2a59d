package dev.tollgate.model.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Something sold beside a plan for a recurring price: the value of {@code tollgate.addons}, keyed by
 * {@code code}.
 *
 * @param monthlyAmount the price per month
 * @param yearlyAmount the price per year when paid yearly; null when not offered yearly
 * @param unit how the price counts: flat (once per subscription) or per_seat (times the subscription's seats)
 * @param active inactive add-ons are not offered to new subscriptions; existing ones keep them
 */
public record AddOn(String code, String name, String description, String currency, BigDecimal monthlyAmount,
                    BigDecimal yearlyAmount, String unit, boolean active, int sortOrder, Instant createdAt,
                    Instant updatedAt) {
}
