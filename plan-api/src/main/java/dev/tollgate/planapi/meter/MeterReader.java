package dev.tollgate.planapi.meter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and checks a meter definition, reporting every problem at once. */
final class MeterReader {

    static final List<String> FIELDS = List.of("code", "name", "event_type", "aggregation", "field", "filters",
        "allow_negative", "recurring");

    private MeterReader() {
    }

    static Meter read(final JsonNode body) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        fields.onlyFields("a meter", FIELDS);
        final String code = fields.identifier("code");
        final String name = fields.text("name", false);
        final String eventType = fields.identifier("event_type");
        final String aggregationName = fields.text("aggregation", true);
        Aggregation aggregation = null;
        if (aggregationName != null) {
            try {
                aggregation = Aggregation.fromWire(aggregationName);
            } catch (InvalidPricingException e) {
                fields.errors().addAll(e.errors());
            }
        }
        final String field = fields.text("field", false);
        if (aggregation != null && aggregation.needsField() && field == null && !fields.has("field")) {
            fields.error("field", "is required for aggregation " + aggregation.wireName());
        }
        final Map<String, List<String>> filters = fields.filters("filters");
        final Boolean allowNegative = fields.bool("allow_negative");
        if (Boolean.TRUE.equals(allowNegative) && aggregation != null && aggregation != Aggregation.SUM) {
            fields.error("allow_negative", "applies to sum meters only: " + aggregation.wireName()
                + " takes negative values as they are");
        }
        final Boolean recurring = fields.bool("recurring");
        if (Boolean.TRUE.equals(recurring) && aggregation != null && aggregation != Aggregation.LATEST) {
            fields.error("recurring", "applies to latest meters only: a recurring meter carries the last value "
                + "reported into the next period, which " + aggregation.wireName() + " has no single value for");
        }
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new Meter(code, name == null ? code : name, eventType, aggregation.wireName(),
            aggregation.needsField() ? field : null, filters, Boolean.TRUE.equals(allowNegative),
            Boolean.TRUE.equals(recurring));
    }
}
