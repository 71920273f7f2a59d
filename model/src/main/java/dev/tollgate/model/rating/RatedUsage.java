package dev.tollgate.model.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One accepted event priced by one charge: the value of {@code tollgate.rated-usage}, keyed by
 * {@code customer_id}. Summing {@code amount} over a period's records gives the charge's amount
 * for the period at full precision.
 *
 * @param units what this event added to the charge's aggregate
 * @param totalUnits the charge's aggregate for the period after this event
 * @param amount the change in the charge's period amount caused by this event (may be negative for latest)
 * @param group the event's values of the charge's pricing_group_keys (a value may be null), whose
 *              own aggregate {@code totalUnits} is; null for a charge that is not grouped
 */
public record RatedUsage(String eventId, String customerId, String subscriptionId, String plan, int planVersion,
                         String charge, List<String> group, String meter, Period period, Instant timestamp,
                         BigDecimal units, BigDecimal totalUnits, BigDecimal amount, String currency) {
}
