package dev.tollgate.model.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A charge's usage crossed an alert threshold in a period, or a credit grant ran low: the value of
 * {@code tollgate.usage-alerts}, keyed by {@code customer_id}. Each (period, charge, group, threshold)
 * alerts at most once, and each grant's low balance once.
 *
 * @param charge the charge; null for CREDITS_LOW
 * @param group the event's values of the charge's pricing_group_keys (a value may be null), whose own
 *              aggregate {@code units} is and to which the limit applies; null (left out of the JSON)
 *              for a charge that is not grouped
 * @param kind THRESHOLD for a percentage of the limit; LIMIT_EXCEEDED when an unenforced limit is passed;
 *             CREDITS_LOW when what is left of a credit grant fell to its low-balance level
 * @param threshold the percentage crossed (100 for LIMIT_EXCEEDED); for CREDITS_LOW the amount of the level
 * @param units the charge's units in the period; for CREDITS_LOW what is left of the grant
 * @param limit the charge's limit; for CREDITS_LOW the grant's amount
 * @param eventId the event whose usage crossed it
 * @param creditGrant the grant that ran low; null (left out of the JSON) for the other kinds
 */
public record UsageAlert(String customerId, String subscriptionId, String charge, List<String> group, String meter,
                         Period period, Kind kind, BigDecimal threshold, BigDecimal units, BigDecimal limit,
                         String eventId, Instant timestamp, String creditGrant) {

    public enum Kind { THRESHOLD, LIMIT_EXCEEDED, CREDITS_LOW }
}
