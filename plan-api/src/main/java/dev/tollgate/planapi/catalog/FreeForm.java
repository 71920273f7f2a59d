package dev.tollgate.planapi.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.FieldNames;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a free-form object (a plan's {@code attributes}): any keys and values, but bounded, so that
 * whatever is accepted can be written to its topic and read back. Strings and keys must be valid
 * Unicode (half a surrogate pair cannot be encoded), numbers within the decimal bounds (a plain
 * {@code 1e1000000} prints a million digits), nesting and size limited.
 */
public final class FreeForm {

    public static final int MAX_DEPTH = 5;
    public static final int MAX_VALUES = 1000;
    public static final int MAX_KEYS = 100;

    private FreeForm() {
    }

    /** Files the first problem found under its path; true when the object is fit to keep. */
    public static boolean check(final JsonFields fields, final String field, final JsonNode node) {
        if (!node.isObject() || node.size() > MAX_KEYS) {
            fields.error(field, "must be a JSON object of at most " + MAX_KEYS + " keys");
            return false;
        }
        final int[] values = {0};
        final FieldError problem = walk(node, 1, values, new StringBuilder(field));
        if (problem != null) {
            fields.error(problem.field(), problem.message());
            return false;
        }
        return true;
    }

    /** The first value that cannot be kept, or null when all can. */
    private static FieldError walk(final JsonNode node, final int depth, final int[] values, final StringBuilder path) {
        if (++values[0] > MAX_VALUES) {
            return new FieldError(path.toString(), "must hold at most " + MAX_VALUES + " values in all");
        }
        if (node.isObject() || node.isArray()) {
            if (depth > MAX_DEPTH) {
                return new FieldError(path.toString(), "must nest at most " + MAX_DEPTH + " levels deep");
            }
            final int length = path.length();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    final FieldError problem = walk(node.get(i), depth + 1, values,
                        path.append('[').append(i).append(']'));
                    path.setLength(length);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            final Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> entry = entries.next();
                path.append('.').append(FieldNames.printable(entry.getKey()));
                if (!JsonFields.isPrintableName(entry.getKey())) {
                    return new FieldError(path.toString(), "keys must be 1 to " + JsonFields.MAX_NAME_LENGTH
                        + " printable characters");
                }
                final FieldError problem = walk(entry.getValue(), depth + 1, values, path);
                path.setLength(length);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (node.isNumber() && !Decimals.withinBounds(node.decimalValue())) {
            return new FieldError(path.toString(), Decimals.BOUNDS_MESSAGE);
        }
        if (node.isTextual()) {
            if (node.textValue().length() > JsonFields.MAX_TEXT_LENGTH) {
                return new FieldError(path.toString(), "must be at most " + JsonFields.MAX_TEXT_LENGTH + " characters");
            }
            final String unicode = UsageEventReader.unicodeProblem(node.textValue());
            if (unicode != null) {
                return new FieldError(path.toString(), unicode);
            }
        }
        return null;
    }
}
