package dev.tollgate.model.catalog;

import java.util.List;
import java.util.Map;

/**
 * A billable metric: which events count ({@code event_type}, optional property {@code filters})
 * and how they aggregate. The value of {@code tollgate.meters}, keyed by {@code code}.
 *
 * @param aggregation one of count, sum, max, unique_count, latest
 * @param field the property aggregated; absent for count
 */
public record Meter(String code, String name, String eventType, String aggregation, String field,
                    Map<String, List<String>> filters) {

    public Meter {
        filters = filters == null ? Map.of() : filters;
    }
}
