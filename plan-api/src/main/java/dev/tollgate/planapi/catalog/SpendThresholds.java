package dev.tollgate.planapi.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.validation.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code spend_thresholds}, as a plan and a subscription both take it: a list of amounts of the
 * period's running usage amount, each greater than 0 and than the one before, so that each names one
 * interim statement and they fire in the order listed.
 */
public final class SpendThresholds {

    public static final String FIELD = "spend_thresholds";
    public static final int MAX = 100;

    private SpendThresholds() {
    }

    /** The thresholds given, or an empty list after filing what is wrong with them; the field is present. */
    public static List<BigDecimal> read(final JsonFields fields) {
        final JsonNode node = fields.node(FIELD);
        if (!node.isArray() || node.size() > MAX) {
            fields.error(FIELD, "must be a list of at most " + MAX + " amounts in ascending order, such as "
                + "[\"100\", \"250.50\"]");
            return List.of();
        }
        final List<BigDecimal> thresholds = new ArrayList<>(node.size());
        final int before = fields.errors().size();
        for (int i = 0; i < node.size(); i++) {
            final String at = FIELD + "[" + i + "]";
            final JsonNode item = node.get(i);
            final BigDecimal amount = item.isNumber() ? item.decimalValue()
                : item.isTextual() ? Decimals.parse(item.textValue().trim()) : null;
            if (amount == null) {
                fields.error(at, "must be a decimal amount such as \"100.00\"");
            } else if (!Decimals.withinBounds(amount)) {
                fields.error(at, Decimals.BOUNDS_MESSAGE);
            } else if (amount.signum() <= 0) {
                fields.error(at, "must be greater than 0");
            } else if (!thresholds.isEmpty() && amount.compareTo(thresholds.get(thresholds.size() - 1)) <= 0) {
                fields.error(at, "must be greater than the threshold before it ("
                    + thresholds.get(thresholds.size() - 1).toPlainString() + "): list thresholds in ascending "
                    + "order, each once");
            } else {
                thresholds.add(amount);
            }
        }
        return fields.errors().size() > before ? List.of() : thresholds;
    }
}
