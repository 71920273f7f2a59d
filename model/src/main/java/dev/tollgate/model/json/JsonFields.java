package dev.tollgate.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.pricing.validation.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one field of a JSON object that record what is wrong instead of throwing, so that
 * a request's every error is reported at once as {@code {field, message}}. {@code path} prefixes the
 * field names (e.g. "charges[0].").
 */
public final class JsonFields {

    public static final int MAX_TEXT_LENGTH = 1024;

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    public JsonFields(final JsonNode node, final String path, final List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** Reads of a nested object, filing errors under this path plus {@code field}. */
    public JsonFields nested(final String field, final JsonNode child) {
        return new JsonFields(child, path + field + ".", errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void error(final String field, final String message) {
        errors.add(new FieldError(path + field, message));
    }

    public boolean has(final String field) {
        final JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public JsonNode node(final String field) {
        return node.get(field);
    }

    /** A code or id: required, short, printable. */
    public String identifier(final String field) {
        final String text = string(field, true);
        if (text == null) {
            return null;
        }
        final String problem = UsageEventReader.identifierProblem(text);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return text;
    }

    public String text(final String field, final boolean required) {
        final String text = string(field, required);
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            error(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
            return null;
        }
        if (required && text.isBlank()) {
            error(field, "must not be blank");
            return null;
        }
        final String unicode = UsageEventReader.unicodeProblem(text);
        if (unicode != null) {
            error(field, unicode);
            return null;
        }
        return text;
    }

    /** The field's string, or null: absent (an error when required) or not a string (always an error). */
    private String string(final String field, final boolean required) {
        if (!has(field)) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        final JsonNode value = node.get(field);
        if (!value.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    /** A decimal given as a JSON number or a decimal string, read without passing through a double. */
    public BigDecimal decimal(final String field, final boolean required) {
        if (!has(field)) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        final JsonNode value = node.get(field);
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                return new BigDecimal(value.textValue().trim());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(field, "must be a decimal number such as \"12.50\"");
        return null;
    }

    public BigDecimal nonNegativeDecimal(final String field, final boolean required) {
        final BigDecimal value = decimal(field, required);
        if (value != null && value.signum() < 0) {
            error(field, "must not be negative");
            return null;
        }
        return value;
    }

    public Integer integer(final String field, final int min, final int max) {
        if (!has(field)) {
            return null;
        }
        final JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
            || value.intValue() > max) {
            error(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValue();
    }

    public Boolean bool(final String field) {
        if (!has(field)) {
            return null;
        }
        final JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    public Instant instant(final String field) {
        if (!has(field)) {
            return null;
        }
        final JsonNode value = node.get(field);
        if (value.isTextual()) {
            try {
                return Instant.parse(value.textValue());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        return null;
    }

    /** A JSON object given as a plain map, for free-form attributes and charge properties. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(final String field) {
        if (!has(field)) {
            return Map.of();
        }
        final JsonNode value = node.get(field);
        if (!value.isObject()) {
            error(field, "must be a JSON object");
            return null;
        }
        return new LinkedHashMap<>(Json.convert(value, Map.class));
    }

    /** Property filters: {@code {"direction": ["inbound"]}}. */
    public Map<String, List<String>> filters(final String field) {
        if (!has(field)) {
            return Map.of();
        }
        final JsonNode value = node.get(field);
        if (!value.isObject()) {
            error(field, "must be an object of property name to a list of allowed values");
            return null;
        }
        final Map<String, List<String>> filters = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            final Map.Entry<String, JsonNode> entry = entries.next();
            final JsonNode allowed = entry.getValue();
            if (!allowed.isArray() || allowed.isEmpty()) {
                error(field + "." + entry.getKey(), "must be a non-empty list of values");
                continue;
            }
            final List<String> values = new ArrayList<>(allowed.size());
            for (final JsonNode item : allowed) {
                if (!item.isValueNode() || item.isNull()) {
                    error(field + "." + entry.getKey(), "values must be strings, numbers or booleans");
                    break;
                }
                values.add(item.asText());
            }
            filters.put(entry.getKey(), values);
        }
        return filters;
    }
}
