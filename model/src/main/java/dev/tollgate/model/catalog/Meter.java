package dev.tollgate.model.catalog;

import java.util.List;
import java.util.Map;

/**
 * A billable metric: which events count ({@code event_type}, optional property {@code filters})
 * and how they aggregate. The value of {@code tollgate.meters}, keyed by {@code code}.
 *
 * @param aggregation one of count, sum, max, unique_count, latest
 * @param field the property aggregated; absent for count
 * @param allowNegative sum only: a negative value is taken (a correction, a refund of usage) instead of
 *                      rejected; a negative value lowers the period's units and what an enforced limit has left
 * @param recurring latest only: the meter counts things that exist (bots, agents, contacts), so its value
 *                  carries from one billing period into the next until an event changes it, instead of
 *                  starting again at zero
 */
public record Meter(String code, String name, String eventType, String aggregation, String field,
                    Map<String, List<String>> filters, boolean allowNegative, boolean recurring) {

    public Meter {
        filters = filters == null ? Map.of() : filters;
    }

    public Meter(final String code, final String name, final String eventType, final String aggregation,
                 final String field, final Map<String, List<String>> filters, final boolean allowNegative) {
        this(code, name, eventType, aggregation, field, filters, allowNegative, false);
    }

    public Meter(final String code, final String name, final String eventType, final String aggregation,
                 final String field, final Map<String, List<String>> filters) {
        this(code, name, eventType, aggregation, field, filters, false);
    }
}
