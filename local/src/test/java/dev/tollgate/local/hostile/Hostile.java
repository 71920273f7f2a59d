package dev.tollgate.local.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded source of hostile input: JSON values that parse but should not be accepted, bodies
 * mutated field by field or byte by byte, odd encodings and shapes. The same seed gives the same
 * inputs, so a failure found once is found again.
 *
 * <p>Values are raw JSON text rather than Jackson nodes: a 5,000-digit number, {@code 1e1000000} as a
 * JSON number or a lone surrogate escape must reach the server exactly as written, and a tree
 * would normalise them.
 */
final class Hostile {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** JSON values that are wrong for nearly every field: types, bounds, encodings, injections. */
    static final List<String> VALUES = List.of(
        "\"1e-10000\"", "\"1e1000000\"", "1e-10000", "1e1000000", "1E+2147483647", "-1e-2147483648",
        "\"" + "9".repeat(5000) + "\"", "9".repeat(5000), "0." + "0".repeat(4999) + "1",
        "\"-" + "1".repeat(5000) + "." + "1".repeat(5000) + "\"",
        "-1", "0", "-0", "\"-0\"", "-0.0000001", "0.1", "1.5", "1e2", "\"10\"",
        "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649",
        "1.7976931348623157e309", "4.9e-325", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
        "true", "false", "null", "[]", "{}", "\"\"", "\" \"", "\"\\t\\n\"",
        "\"" + "x".repeat(100_000) + "\"",
        "\"\\u0000\\u0001\\u001f\\u007f\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\\ud800\"",
        "\"\\udbff\\udfff\"", "\"\\u202eevil\\u202c\"", "\"\\u200b\\u200d\\ufeff\"", "\"\u05e9\u05dc\u05d5\u05dd\"",
        "\"' OR '1'='1'; DROP TABLE plans; --\"", "\"\\\",\\\"admin\\\":true,\\\"x\\\":\\\"\"",
        "\"../../../../etc/passwd\"", "\"%2e%2e%2f%2e%2e%2f\"", "\"a/b?c=d#e\"", "\"${jndi:ldap://127.0.0.1/x}\"",
        "\"<script>alert(1)</script>\"", "\"\ud83d\ude00\ud83c\udff3\ufe0f\u200d\ud83c\udf08\"",
        "\"2026-13-45T25:61:61Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
        "\"1970-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999999999Z\"", "\"2026-01-01\"", "1700000000000",
        "[1,2,3]", "[\"a\",null,{}]", "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}", "{\"code\":\"x\",\"amount\":\"1e1000000\"}",
        "[" + "[".repeat(2000) + "]".repeat(2000) + "]", "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}",
        "[" + "0,".repeat(20_000) + "0]");

    /** Object keys a client should not send. */
    static final List<String> KEYS = List.of(
        "\"\"", "\" \"", "\"\\u0000\"", "\"__proto__\"", "\"constructor\"", "\"" + "k".repeat(100_000) + "\"",
        "\"\\ud800\"", "\"\\u202e\"", "\"a.b\"", "\"$where\"", "\"unknown_field\"", "\"id\"", "\"code\"",
        "\"properties\"", "\"\u00e9\"");

    private final SplittableRandom random;

    Hostile(final long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(final int bound) {
        return random.nextInt(bound);
    }

    boolean chance(final double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(final List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    String value() {
        return pick(VALUES);
    }

    /** What a mutation did, for the failure report, and the bytes it made. */
    record Mutation(String label, byte[] body) {
    }

    /**
     * The valid body with one of its values (anywhere in the tree) replaced by a hostile value,
     * removed, or a hostile field added beside it.
     */
    Mutation mutateField(final JsonNode valid, final int times) {
        final JsonNode copy = valid.deepCopy();
        final StringBuilder label = new StringBuilder();
        final Map<String, String> fills = new LinkedHashMap<>();
        for (int t = 0; t < times; t++) {
            final List<Slot> slots = new ArrayList<>();
            collect(copy, "", slots);
            if (slots.isEmpty()) {
                break;
            }
            final Slot slot = pick(slots);
            final int action = random.nextInt(10);
            final String valueToken = "@@hostile-value-" + t + "@@";
            if (action < 7 || !(slot.parent() instanceof ObjectNode)) {
                final String value = value();
                fills.put(quotedLiteral(valueToken), value);
                slot.set(PLAIN.getNodeFactory().textNode(valueToken));
                label.append(slot.path()).append('=').append(preview(value)).append(' ');
            } else if (action < 9) {
                ((ObjectNode) slot.parent()).remove(slot.field());
                label.append(slot.path()).append(" removed ");
            } else {
                final String keyToken = "@@hostile-key-" + t + "@@";
                final String key = pick(KEYS);
                final String value = value();
                fills.put(quotedLiteral(keyToken), key);
                fills.put(quotedLiteral(valueToken), value);
                ((ObjectNode) slot.parent()).put(keyToken, valueToken);
                label.append(slot.path()).append(" +").append(preview(key)).append('=').append(preview(value))
                    .append(' ');
            }
        }
        String text = write(copy);
        for (final Map.Entry<String, String> fill : fills.entrySet()) {
            final int at = text.indexOf(fill.getKey());
            if (at >= 0) {
                text = text.substring(0, at) + fill.getValue() + text.substring(at + fill.getKey().length());
            }
        }
        return new Mutation("field " + label.toString().trim(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Flipped, inserted or deleted bytes of a valid body. */
    Mutation mutateBytes(final byte[] valid) {
        final byte[] body = valid.clone();
        final int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && body.length > 0; i++) {
            final int at = random.nextInt(body.length);
            body[at] = (byte) (body[at] ^ (1 << random.nextInt(8)));
        }
        if (chance(0.3) && body.length > 0) {
            final int at = random.nextInt(body.length);
            final byte[] shorter = new byte[body.length - 1];
            System.arraycopy(body, 0, shorter, 0, at);
            System.arraycopy(body, at + 1, shorter, at, body.length - at - 1);
            return new Mutation("bytes flipped " + flips + ", one deleted", shorter);
        }
        return new Mutation("bytes flipped " + flips, body);
    }

    Mutation truncate(final byte[] valid) {
        final int length = valid.length == 0 ? 0 : random.nextInt(valid.length);
        final byte[] body = new byte[length];
        System.arraycopy(valid, 0, body, 0, length);
        return new Mutation("truncated at " + length + " of " + valid.length, body);
    }

    /** The valid body in an encoding the server must refuse or read correctly, never choke on. */
    Mutation encode(final byte[] valid) {
        final String text = new String(valid, StandardCharsets.UTF_8);
        switch (random.nextInt(9)) {
            case 0: return new Mutation("UTF-16BE", text.getBytes(StandardCharsets.UTF_16BE));
            case 1: return new Mutation("UTF-16LE", text.getBytes(StandardCharsets.UTF_16LE));
            case 2: return new Mutation("UTF-16 with BOM", text.getBytes(StandardCharsets.UTF_16));
            case 3: return new Mutation("UTF-32BE", text.getBytes(Charset.forName("UTF-32BE")));
            case 4: return new Mutation("UTF-32LE", text.getBytes(Charset.forName("UTF-32LE")));
            case 5: return new Mutation("four bytes 00 00 01 00", new byte[] {0, 0, 1, 0});
            case 6: return new Mutation("UTF-8 BOM", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid));
            case 7: {
                final byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                final byte[] bad = invalid[random.nextInt(invalid.length)];
                final int quote = indexOfQuoteInside(valid);
                return new Mutation("invalid UTF-8 " + hex(bad) + " at " + quote, splice(valid, quote, bad));
            }
            default: {
                final byte[] bytes = new byte[1 + random.nextInt(64)];
                random.nextBytes(bytes);
                return new Mutation("random bytes " + bytes.length, bytes);
            }
        }
    }

    /** Bodies of a shape no route expects: deep nesting, tens of thousands of fields, bare scalars. */
    Mutation shape(final JsonNode valid) {
        switch (random.nextInt(8)) {
            case 0: {
                final int depth = pick(List.of(100, 1_001, 5_000, 50_000));
                return new Mutation("nested arrays " + depth,
                    ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            }
            case 1: {
                final int depth = pick(List.of(100, 1_001, 20_000));
                return new Mutation("nested objects " + depth,
                    ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            }
            case 2: {
                final int fields = pick(List.of(10_000, 30_000, 60_000));
                final StringBuilder body = new StringBuilder(write(valid));
                body.setLength(body.length() - 1);
                for (int i = 0; i < fields; i++) {
                    body.append(",\"f").append(i).append("\":").append(i);
                }
                return new Mutation(fields + " extra fields", body.append('}').toString().getBytes(StandardCharsets.UTF_8));
            }
            case 3: {
                final String duplicated = write(valid);
                return new Mutation("every field twice", (duplicated.substring(0, duplicated.length() - 1) + ","
                    + duplicated.substring(1)).getBytes(StandardCharsets.UTF_8));
            }
            case 4: return new Mutation("empty body", new byte[0]);
            case 5: return new Mutation("bare value", pick(List.of("null", "[]", "\"x\"", "0", "true", " ", "{}",
                "[{}]", "{\"a\":1}{\"a\":2}", "NaN", "{'a':1}", "{a:1}", "[1,]", "{\"a\":1,}", "/* c */{}"))
                .getBytes(StandardCharsets.UTF_8));
            case 6: return new Mutation("the body in an array", ("[" + write(valid) + "]").getBytes(StandardCharsets.UTF_8));
            default: return new Mutation("trailing garbage", (write(valid) + pick(List.of("x", "}", "]]", "\u0000",
                " {\"b\":1}"))).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** More than the server's 1 MiB request limit. */
    Mutation oversized(final JsonNode valid) {
        final int size = pick(List.of(1_048_577, 1_500_000, 3_000_000));
        final StringBuilder body = new StringBuilder(size + 64);
        final String start = write(valid);
        body.append(start, 0, start.length() - 1).append(",\"padding\":\"");
        while (body.length() < size) {
            body.append("0123456789abcdef");
        }
        return new Mutation("oversized " + size + " bytes", body.append("\"}").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A path segment that is a valid URI but an odd identifier. */
    String segment() {
        return pick(List.of("%00", "..", ".", "%2e%2e", "%2F", "..%2F..%2Fetc%2Fpasswd", "%FF%FE", "%C0%AF", "%ED%A0%80",
            "%E2%80%AE", "%E2%80%8B", "%20", "%0A", "%09", "a%3Bb", "%25", "%7B%7D", "%22%27", "'%20OR%201%3D1",
            "x".repeat(3_000), "\u00e9".repeat(2), "%F0%9F%98%80", "-1", "0", "99999999999999999999", "1e3",
            "null", "undefined", "%5B%5D", "a%2Fb", "~", "%3Cscript%3E", "CON", "a.json", "A".repeat(300)));
    }

    String query() {
        return pick(List.of("?", "?&&&", "?a", "?a=", "?=x", "?customer_id", "?customer_id=", "?customer_id=%00",
            "?customer_id=a&customer_id=b", "?customer_id=" + "q".repeat(2_500), "?customer_id=%FF", "?x=%ZZ".replace("%ZZ",
                "%25ZZ"), "?customer_id=%E2%80%AE", "?" + "p=1&".repeat(500), "?limit=-1&offset=1e1000000",
            "?customer_id=%27%20OR%201%3D1", "?callback=alert(1)", "?customer_id[]=a", "?%00=%00"));
    }

    static String preview(final String text) {
        return preview(text, 60);
    }

    /** The text on one line, control characters shown as '?', cut to about {@code max} characters. */
    static String preview(final String text, final int max) {
        final String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max * 2 / 3) + "…(" + oneLine.length() + " chars)";
    }

    static String write(final JsonNode node) {
        try {
            return PLAIN.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(final String json) {
        try {
            return PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    static byte[] concat(final byte[] first, final byte[] second) {
        final byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] splice(final byte[] body, final int at, final byte[] inserted) {
        final byte[] out = new byte[body.length + inserted.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(body, at, out, at + inserted.length, body.length - at);
        return out;
    }

    /** A position just after an opening quote, so the bad bytes land inside a string. */
    private int indexOfQuoteInside(final byte[] body) {
        final List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '"') {
                quotes.add(i + 1);
            }
        }
        return quotes.isEmpty() ? 0 : pick(quotes);
    }

    private static String hex(final byte[] bytes) {
        final StringBuilder text = new StringBuilder();
        for (final byte b : bytes) {
            text.append(String.format("%02X", b));
        }
        return text.toString();
    }

    private static String quotedLiteral(final String slot) {
        return write(PLAIN.getNodeFactory().textNode(slot));
    }

    /** A place in the tree that a mutation can replace. */
    private record Slot(JsonNode parent, String field, int index, String path) {

        void set(final JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collect(final JsonNode node, final String path, final List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                final String child = path.isEmpty() ? name : path + "." + name;
                slots.add(new Slot(object, name, -1, child));
                collect(object.get(name), child, slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, path + "[" + i + "]"));
                collect(array.get(i), path + "[" + i + "]", slots);
            }
        }
    }
}
