package dev.tollgate.model.rating;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A record that could not be rated: the value of {@code tollgate.usage-rejections}, keyed by
 * {@code customer_id} where one could be read.
 *
 * <p>Every rejection is bounded, whatever it was built from, so that it always fits the topic: a task
 * that cannot write its rejection dies on a legal input. The identifiers and the detail are clipped, the
 * original event is echoed as JSON only while that JSON is at most {@link #MAX_ECHO_BYTES}, and
 * otherwise as the start of its text in {@code raw}, with {@code originalBytes} telling how large it
 * was. Written, a rejection takes at most {@link #MAX_RECORD_BYTES}.
 *
 * @param event the original event when it was JSON and small enough to echo whole
 * @param raw the original as text, at most {@link #MAX_RAW_CHARS} of it, when it was not JSON or too
 *            large to echo
 * @param originalBytes the size of the original in bytes when the echo holds only part of it, else null
 */
public record UsageRejection(String customerId, String eventId, RejectionReason reason, String detail,
                             JsonNode event, String raw, Long originalBytes, Instant rejectedAt) {

    /** Characters of the detail kept; what follows is cut and its length said. */
    public static final int MAX_DETAIL_CHARS = 2048;
    /** The largest original event echoed whole, as written JSON. */
    public static final int MAX_ECHO_BYTES = 8192;
    /** Characters of the original kept in {@code raw}. */
    public static final int MAX_RAW_CHARS = 4096;
    /**
     * A bound on the written rejection, from the bounds above with every character escaped (6 bytes):
     * far below the 1 MiB a topic takes by default.
     */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    /** For text too large to echo as it is: decimals as written ({@code 1E+1000000}), never expanded. */
    private static final ObjectWriter UNEXPANDED = Json.mapper().writer()
        .without(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    public UsageRejection {
        customerId = clip(customerId, UsageEventReader.MAX_ID_LENGTH);
        eventId = clip(eventId, UsageEventReader.MAX_ID_LENGTH);
        detail = clip(detail, MAX_DETAIL_CHARS);
        if (event != null) {
            final byte[] json = written(event);
            if (json == null || json.length > MAX_ECHO_BYTES) {
                if (raw == null) {
                    raw = unexpanded(event);
                    originalBytes = originalBytes != null ? originalBytes : json != null ? json.length
                        : utf8Length(raw);
                }
                event = null;
            }
        }
        if (raw != null && raw.length() > MAX_RAW_CHARS) {
            originalBytes = originalBytes != null ? originalBytes : utf8Length(raw);
            raw = clip(raw, MAX_RAW_CHARS);
        }
    }

    public UsageRejection(final String customerId, final String eventId, final RejectionReason reason,
                          final String detail, final JsonNode event, final String raw, final Instant rejectedAt) {
        this(customerId, eventId, reason, detail, event, raw, null, rejectedAt);
    }

    /**
     * A rejection of a record as it came: the parsed event is echoed when it is small enough, else the
     * start of the original bytes with their size.
     *
     * @param parsed the record's JSON, or null when it was none
     */
    public static UsageRejection ofRecord(final String customerId, final String eventId, final RejectionReason reason,
                                          final String detail, final JsonNode parsed, final byte[] original,
                                          final Instant rejectedAt) {
        if (parsed != null) {
            final byte[] json = written(parsed);
            if (json != null && json.length <= MAX_ECHO_BYTES) {
                return new UsageRejection(customerId, eventId, reason, detail, parsed, null, null, rejectedAt);
            }
        }
        if (original == null) {
            return new UsageRejection(customerId, eventId, reason, detail, null, null, null, rejectedAt);
        }
        // Four bytes at most per character: enough bytes for MAX_RAW_CHARS characters, never the whole record.
        final byte[] start = original.length <= MAX_RAW_CHARS * 4 ? original
            : Arrays.copyOf(original, MAX_RAW_CHARS * 4);
        final String text = new String(start, StandardCharsets.UTF_8);
        final boolean whole = start == original && text.length() <= MAX_RAW_CHARS;
        return new UsageRejection(customerId, eventId, reason, detail, null, text,
            whole ? null : (long) original.length, rejectedAt);
    }

    private static byte[] written(final JsonNode event) {
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException | RuntimeException e) {
            // A decimal too large to print plainly, for one: the event is then echoed as text.
            return null;
        }
    }

    private static String unexpanded(final JsonNode event) {
        try {
            return UNEXPANDED.writeValueAsString(event);
        } catch (JsonProcessingException | RuntimeException e) {
            return "(an event that cannot be written as JSON: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static long utf8Length(final String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * At most {@code max} characters, never half a surrogate pair, the cut marked by an ellipsis; a clipped
     * text clips to itself, so a rejection read back and written again is the same.
     */
    private static String clip(final String text, final int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        final int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }
}
