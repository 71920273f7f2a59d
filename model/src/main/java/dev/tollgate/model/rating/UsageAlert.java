package dev.tollgate.model.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A charge's usage crossed an alert threshold in a period: the value of {@code tollgate.usage-alerts},
 * keyed by {@code customer_id}. Each (period, charge, group, threshold) alerts at most once.
 *
 * @param group the event's values of the charge's pricing_group_keys (a value may be null), whose own
 *              aggregate {@code units} is and to which the limit applies; null (left out of the JSON)
 *              for a charge that is not grouped
 * @param kind THRESHOLD for a percentage of the limit; LIMIT_EXCEEDED when an unenforced limit is passed
 * @param threshold the percentage crossed (100 for LIMIT_EXCEEDED)
 * @param eventId the event whose usage crossed it
 */
public record UsageAlert(String customerId, String subscriptionId, String charge, List<String> group, String meter,
                         Period period, Kind kind, BigDecimal threshold, BigDecimal units, BigDecimal limit,
                         String eventId, Instant timestamp) {

    public enum Kind { THRESHOLD, LIMIT_EXCEEDED }
}
