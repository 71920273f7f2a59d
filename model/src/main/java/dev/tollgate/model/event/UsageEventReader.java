package dev.tollgate.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a usage event out of JSON and checks it, collecting every problem as a {@link FieldError}.
 * Ingest and the rater run the same checks, so an event written straight to Kafka is judged as
 * one posted over HTTP.
 */
public final class UsageEventReader {

    public static final int MAX_ID_LENGTH = 256;
    public static final int MAX_PROPERTIES = 64;
    public static final int MAX_PROPERTY_KEY_LENGTH = 128;
    public static final int MAX_STRING_VALUE_LENGTH = 1024;
    public static final int MAX_PROPERTY_DEPTH = 3;
    /** Keys and values of all properties together, as written: an event stays a few KiB at most. */
    public static final int MAX_PROPERTIES_CHARS = 8192;
    /**
     * Errors reported for one event; the rest are counted in one last error. An event of tens of thousands
     * of unknown fields would otherwise make an answer, or a rejection, of megabytes.
     */
    public static final int MAX_ERRORS = 16;
    /** Clocks drift; a day ahead is generous for skew and still catches a wrong unit (ms for s). */
    public static final Duration MAX_FUTURE = Duration.ofDays(1);
    /** Earlier than any usage Tollgate rates; catches seconds sent as years and keeps period arithmetic sane. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * The fields of an event. Anything else is refused rather than ignored: a quantity sent beside
     * {@code properties} instead of inside it would otherwise be lost without a word.
     */
    public static final Set<String> FIELDS = Set.of("id", "type", "customer_id", "timestamp", "properties");

    private UsageEventReader() {
    }

    /** Either an event or the reasons there is none. */
    public record Result(UsageEvent event, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * @param receivedAt the event's time when it carries none, and the reference for "too far in the future"
     */
    public static Result read(final JsonNode node, final Instant receivedAt) {
        final List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError("", "must be a JSON object"));
            return new Result(null, errors);
        }
        final JsonFields fields = new JsonFields(node, "", errors);
        final String id = fields.identifier("id");
        final String type = fields.identifier("type");
        final String customerId = fields.identifier("customer_id");
        final Instant timestamp = timestamp(node.get("timestamp"), receivedAt, errors);
        final Map<String, Object> properties = properties(node.get("properties"), errors);
        unknownFields(node, errors);
        if (!errors.isEmpty()) {
            return new Result(null, capped(errors));
        }
        return new Result(new UsageEvent(id, type, customerId, timestamp, properties), List.of());
    }

    private static List<FieldError> capped(final List<FieldError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return errors;
        }
        final List<FieldError> shown = new ArrayList<>(errors.subList(0, MAX_ERRORS - 1));
        shown.add(new FieldError("", "has " + (errors.size() - shown.size()) + " more errors, not listed"));
        return shown;
    }

    /** Why {@code text} is no acceptable identifier, or null when it is. */
    public static String identifierProblem(final String text) {
        if (text.isBlank()) {
            return "must not be blank";
        }
        if (text.length() > MAX_ID_LENGTH) {
            return "must be at most " + MAX_ID_LENGTH + " characters";
        }
        if (hasControlCharacter(text)) {
            return "must not contain control characters";
        }
        return unicodeProblem(text);
    }

    private static boolean hasControlCharacter(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * JSON's {@code \\uD800} escapes can produce half a surrogate pair, which no UTF-8 writer can
     * encode: such a string must be refused here rather than fail later while being written.
     */
    public static String unicodeProblem(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (it holds an unpaired surrogate)";
            }
        }
        return null;
    }

    private static Instant timestamp(final JsonNode value, final Instant receivedAt, final List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return receivedAt;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError("timestamp", "must be an ISO-8601 string such as 2026-01-31T12:00:00Z"));
            return null;
        }
        final Instant parsed;
        try {
            parsed = IsoInstants.parse(value.textValue());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("timestamp", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
        if (parsed.isAfter(receivedAt.plus(MAX_FUTURE))) {
            errors.add(new FieldError("timestamp", "must not be more than " + MAX_FUTURE.toHours()
                + " hours in the future"));
            return null;
        }
        if (parsed.isBefore(EARLIEST)) {
            errors.add(new FieldError("timestamp", "must not be before " + EARLIEST));
            return null;
        }
        return parsed;
    }

    private static void unknownFields(final JsonNode node, final List<FieldError> errors) {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(printableName(name), "is not a field of a usage event; event data goes under "
                    + "properties"));
            }
        }
    }

    private static Map<String, Object> properties(final JsonNode value, final List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            errors.add(new FieldError("properties", "must be a JSON object"));
            return null;
        }
        if (value.size() > MAX_PROPERTIES) {
            errors.add(new FieldError("properties", "must have at most " + MAX_PROPERTIES + " keys"));
            return null;
        }
        final int before = errors.size();
        final int[] chars = {0};
        checkValues("properties", value, 1, chars, errors);
        if (errors.size() == before && chars[0] > MAX_PROPERTIES_CHARS) {
            errors.add(new FieldError("properties", "must hold at most " + MAX_PROPERTIES_CHARS
                + " characters of keys and values in all"));
        }
        if (errors.size() > before) {
            return null;
        }
        return plainObject(value);
    }

    /**
     * The properties as plain Java values, as {@code Json.convert(value, Map.class)} would give them
     * (numbers as the tree holds them: Integer, Long, BigInteger, BigDecimal), without the data-binding
     * pass that cost more than the walk.
     */
    static Map<String, Object> plainObject(final JsonNode object) {
        final Map<String, Object> map = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), plain(field.getValue()));
        }
        return map;
    }

    private static Object plain(final JsonNode node) {
        if (node.isObject()) {
            return plainObject(node);
        }
        if (node.isArray()) {
            final List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    /** @param chars running total of the characters seen, for the overall size bound */
    private static void checkValues(final String path, final JsonNode container, final int depth, final int[] chars,
                                    final List<FieldError> errors) {
        if (depth > MAX_PROPERTY_DEPTH) {
            errors.add(new FieldError(path, "must not nest deeper than " + MAX_PROPERTY_DEPTH + " levels"));
            return;
        }
        if (container.size() > MAX_PROPERTIES) {
            errors.add(new FieldError(path, "must have at most " + MAX_PROPERTIES + " entries"));
            return;
        }
        if (container.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = container.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> entry = fields.next();
                final String key = entry.getKey();
                if (key.isEmpty() || key.length() > MAX_PROPERTY_KEY_LENGTH || hasControlCharacter(key)
                    || unicodeProblem(key) != null) {
                    errors.add(new FieldError(path, "keys must be 1 to " + MAX_PROPERTY_KEY_LENGTH
                        + " printable characters"));
                    continue;
                }
                chars[0] += key.length();
                checkValue(path + "." + key, entry.getValue(), depth, chars, errors);
            }
        } else {
            for (int i = 0; i < container.size(); i++) {
                checkValue(path + "[" + i + "]", container.get(i), depth, chars, errors);
            }
        }
    }

    private static void checkValue(final String path, final JsonNode value, final int depth, final int[] chars,
                                   final List<FieldError> errors) {
        if (value.isContainerNode()) {
            chars[0] += 2;
            checkValues(path, value, depth + 1, chars, errors);
        } else if (value.isTextual()) {
            checkText(path, value.textValue(), chars, errors);
        } else if (value.isNumber()) {
            checkNumber(path, value, chars, errors);
        } else {
            chars[0] += value.asText().length();
        }
    }

    private static void checkText(final String path, final String text, final int[] chars,
                                  final List<FieldError> errors) {
        if (text.length() > MAX_STRING_VALUE_LENGTH) {
            errors.add(new FieldError(path, "must be at most " + MAX_STRING_VALUE_LENGTH + " characters"));
            return;
        }
        final String problem = unicodeProblem(text);
        if (problem != null) {
            errors.add(new FieldError(path, problem));
            return;
        }
        // An empty string counts its quotes, as an empty object counts its braces: every value counts.
        chars[0] += Math.max(text.length(), 2);
    }

    private static void checkNumber(final String path, final JsonNode value, final int[] chars,
                                    final List<FieldError> errors) {
        if (value.isFloatingPointNumber() || value.isBigInteger()) {
            final BigDecimal number = value.decimalValue();
            if (!Decimals.withinBounds(number)) {
                errors.add(new FieldError(path, Decimals.BOUNDS_MESSAGE));
                return;
            }
            chars[0] += Math.max(number.precision() - number.scale(), 1) + Math.max(number.scale(), 0);
        } else {
            chars[0] += value.asText().length();
        }
    }

    /** A field name as it can be echoed back in an error: control characters escaped, length capped. */
    public static String printableName(final String name) {
        final StringBuilder shown = new StringBuilder();
        final int end = Math.min(name.length(), MAX_PROPERTY_KEY_LENGTH);
        for (int i = 0; i < end; i++) {
            final char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return end < name.length() ? shown.append('…').toString() : shown.toString();
    }
}
