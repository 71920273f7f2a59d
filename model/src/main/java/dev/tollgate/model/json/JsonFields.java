package dev.tollgate.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.FieldNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
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
    /** Names of filtered properties and their values, as the event reader bounds them. */
    public static final int MAX_NAME_LENGTH = UsageEventReader.MAX_PROPERTY_KEY_LENGTH;
    public static final int MAX_FILTERS = UsageEventReader.MAX_PROPERTIES;
    public static final int MAX_FILTER_VALUES = 100;
    /**
     * The instants a catalog body may name. ISO-8601 reads years up to a billion, at which billing
     * periods cannot even be computed; four-digit years are every real date.
     */
    public static final Instant EARLIEST_INSTANT = Instant.EPOCH;
    public static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    /** Unknown fields named one by one; past these, one error says there are more. */
    public static final int MAX_REFUSED_NAMES = 20;

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

    /**
     * Refuses every field of this object that is not in {@code known}, each under its own path: a
     * misspelt field, or one of a later version of the API, would otherwise read as absent and be
     * quietly defaulted.
     *
     * @param what the object, as the message names it ("a plan", "a charge")
     */
    public void onlyFields(final String what, final Collection<String> known) {
        onlyFields(what, known, List.of());
    }

    /**
     * Like {@link #onlyFields(String, Collection)}, telling a field of {@code readOnly} (one the API
     * shows but sets itself, such as {@code created_at}) apart from an unknown one.
     */
    public void onlyFields(final String what, final Collection<String> known, final Collection<String> readOnly) {
        final Iterator<String> names = node.fieldNames();
        int refused = 0;
        while (names.hasNext()) {
            final String name = names.next();
            if (known.contains(name)) {
                continue;
            }
            if (++refused > MAX_REFUSED_NAMES) {
                // Tens of thousands of unknown fields must not make an answer larger than the request.
                errors.add(new FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1),
                    "holds more fields that " + what + " does not take; only the first " + MAX_REFUSED_NAMES
                        + " are named"));
                return;
            }
            if (readOnly.contains(name)) {
                error(name, "is set by Tollgate and cannot be written; leave it out");
                continue;
            }
            final String near = nearest(name, known);
            error(FieldNames.printable(name), "is not a field of " + what + (near != null
                ? "; did you mean " + near + "?"
                : "; it takes " + String.join(", ", known.stream().sorted().toList())));
        }
    }

    /** The known name one or two edits away from {@code name}, or null: the usual shape of a typo. */
    private static String nearest(final String name, final Collection<String> known) {
        if (name.length() > MAX_NAME_LENGTH) {
            return null;
        }
        String best = null;
        int bestDistance = 3;
        for (final String candidate : known) {
            final int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Whether a name from input (a map key) can be stored and echoed: short, printable, valid Unicode. */
    public static boolean isPrintableName(final String name) {
        return !name.isEmpty() && name.length() <= MAX_NAME_LENGTH && FieldNames.printable(name).equals(name);
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
        final Object raw = value.isNumber() ? value.decimalValue()
            : value.isTextual() ? value.textValue().trim() : null;
        return Decimals.parseBounded(raw, "must be a decimal number such as \"12.50\"",
            problem -> error(field, problem));
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
                final Instant instant = Instant.parse(value.textValue());
                if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
                    error(field, "must be from " + EARLIEST_INSTANT + " to " + LATEST_INSTANT);
                    return null;
                }
                return instant;
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
        if (value.size() > MAX_FILTERS) {
            error(field, "must filter on at most " + MAX_FILTERS + " properties, as many as an event carries");
            return null;
        }
        final Map<String, List<String>> filters = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            final Map.Entry<String, JsonNode> entry = entries.next();
            final String path = field + "." + FieldNames.printable(entry.getKey());
            if (!isPrintableName(entry.getKey())) {
                error(path, "must name a property in 1 to " + MAX_NAME_LENGTH + " printable characters");
                continue;
            }
            final JsonNode allowed = entry.getValue();
            if (!allowed.isArray() || allowed.isEmpty() || allowed.size() > MAX_FILTER_VALUES) {
                error(path, "must be a non-empty list of at most " + MAX_FILTER_VALUES + " values");
                continue;
            }
            final List<String> values = new ArrayList<>(allowed.size());
            for (final JsonNode item : allowed) {
                final String problem = filterValueProblem(item);
                if (problem != null) {
                    error(path, problem);
                    break;
                }
                values.add(item.asText());
            }
            filters.put(entry.getKey(), values);
        }
        return filters;
    }

    private static String filterValueProblem(final JsonNode item) {
        if (!item.isValueNode() || item.isNull()) {
            return "values must be strings, numbers or booleans";
        }
        if (item.isNumber() && !Decimals.withinBounds(item.decimalValue())) {
            return "values: " + Decimals.BOUNDS_MESSAGE;
        }
        final String text = item.asText();
        if (text.length() > MAX_TEXT_LENGTH) {
            return "values must be at most " + MAX_TEXT_LENGTH + " characters";
        }
        final String unicode = UsageEventReader.unicodeProblem(text);
        return unicode == null ? null : "values " + unicode;
    }
}
