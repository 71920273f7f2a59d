package dev.tollgate.planapi.addon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.money.Currencies;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks an add-on definition, reporting every problem at once. */
final class AddOnReader {

    /** flat: one price per subscription; per_seat: the price times the subscription's seats. */
    static final Set<String> UNITS = Set.of("flat", "per_seat");
    static final List<String> FIELDS = List.of("code", "name", "description", "currency", "monthly_amount",
        "yearly_amount", "unit", "active", "sort_order");
    static final List<String> READ_ONLY = List.of("created_at", "updated_at");

    private AddOnReader() {
    }

    /** @param code the add-on's code when the path names it; null to read it from the body */
    static AddOn read(final JsonNode body, final String code, final Instant createdAt, final Instant now) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        fields.onlyFields("an add-on", FIELDS, READ_ONLY);
        final String addOnCode = code != null ? code : fields.identifier("code");
        final String name = fields.text("name", true);
        final String description = fields.text("description", false);
        final String currency = fields.text("currency", true);
        if (currency != null) {
            try {
                Currencies.minorUnits(currency);
            } catch (IllegalArgumentException e) {
                fields.error("currency", "must be an ISO 4217 code such as USD: " + e.getMessage());
            }
        }
        final BigDecimal monthlyAmount = fields.nonNegativeDecimal("monthly_amount", true);
        final BigDecimal yearlyAmount = fields.nonNegativeDecimal("yearly_amount", false);
        final String unit = fields.has("unit") ? fields.text("unit", true) : "flat";
        if (unit != null && !UNITS.contains(unit)) {
            fields.error("unit", "unknown unit '" + unit + "'; expected flat or per_seat");
        }
        final Boolean active = fields.bool("active");
        final Integer sortOrder = fields.integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new AddOn(addOnCode, name, description, currency, monthlyAmount, yearlyAmount, unit,
            active == null || active, sortOrder == null ? 0 : sortOrder, createdAt, now);
    }
}
