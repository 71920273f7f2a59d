package dev.tollgate.model.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Prices one meter, or one filtered slice of it, on a plan version.
 *
 * @param code unique within the plan; defaults to the meter code
 * @param model the charge model's wire name (standard, graduated, …)
 * @param properties the model's properties, named as the open-source billing APIs name them
 * @param filters property key to allowed values: only matching events are priced by this charge
 * @param thresholds alert percentages of the limit (or of included units)
 * @param name a human name for the charge, shown in catalogs
 * @param invoiceDisplayName the line's label on statements and invoices
 * @param unitLabel what one unit is called ("second", "message", "user")
 */
public record Charge(String code, String meter, String model, Map<String, Object> properties,
                     Map<String, List<String>> filters, ChargeLimit limit, List<BigDecimal> thresholds,
                     String name, String description, String invoiceDisplayName, String unitLabel) {

    public Charge {
        properties = properties == null ? Map.of() : properties;
        filters = filters == null ? Map.of() : filters;
        thresholds = thresholds == null ? List.of() : thresholds;
    }

    public Charge(final String code, final String meter, final String model, final Map<String, Object> properties,
                  final Map<String, List<String>> filters, final ChargeLimit limit,
                  final List<BigDecimal> thresholds) {
        this(code, meter, model, properties, filters, limit, thresholds, null, null, null, null);
    }
}
