package dev.tollgate.model.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** However large or odd the original, a rejection keeps its reason and stays within its record bound. */
class UsageRejectionTest {

    private static final Instant AT = Instant.parse("2026-01-31T12:00:00Z");

    @Test
    void shouldEchoASmallEventWhole() throws JsonProcessingException {
        final byte[] original = "{\"id\":\"e1\",\"customer_id\":\"acme\"}".getBytes(StandardCharsets.UTF_8);
        final UsageRejection rejection = UsageRejection.ofRecord("acme", "e1", RejectionReason.INVALID,
            "type is required", Json.tree(original), original, AT);
        assertEquals("acme", rejection.event().get("customer_id").textValue());
        assertNull(rejection.raw());
        assertNull(rejection.originalBytes());
        assertEquals(rejection, Json.read(Json.write(rejection), UsageRejection.class));
    }

    @Test
    void shouldEchoTheStartOfAnEventOfTensOfThousandsOfUnknownFields() throws JsonProcessingException {
        final String fields = IntStream.range(0, 50_000).mapToObj(i -> "\"f" + i + "\":" + i)
            .collect(Collectors.joining(","));
        final byte[] original = ("{\"id\":\"e1\"," + fields + "}").getBytes(StandardCharsets.UTF_8);
        final String detail = IntStream.range(0, 50_000).mapToObj(i -> "f" + i + " is not a field")
            .collect(Collectors.joining("; "));

        final UsageRejection rejection = UsageRejection.ofRecord(null, "e1", RejectionReason.INVALID, detail,
            Json.tree(original), original, AT);

        assertNull(rejection.event());
        assertTrue(rejection.raw().startsWith("{\"id\":\"e1\",\"f0\":0,"), rejection.raw().substring(0, 40));
        assertEquals(original.length, rejection.originalBytes());
        assertTrue(rejection.detail().startsWith("f0 is not a field; f1 is not a field"));
        assertEquals(UsageRejection.MAX_DETAIL_CHARS, rejection.detail().length());
        assertWithinBound(rejection);
    }

    @Test
    void shouldBoundTheWorstCaseOfEscapedCharactersEverywhere() {
        final String escaped = "\u0001".repeat(200_000);
        final ObjectNode event = Json.mapper().createObjectNode().put("note", escaped);
        final UsageRejection fromEvent = new UsageRejection(escaped, escaped, RejectionReason.DUPLICATE, escaped,
            event, null, AT);
        assertNull(fromEvent.event());
        assertNotNull(fromEvent.originalBytes());
        assertWithinBound(fromEvent);
        final UsageRejection fromBytes = UsageRejection.ofRecord(escaped, escaped, RejectionReason.INVALID, escaped,
            null, escaped.getBytes(StandardCharsets.UTF_8), AT);
        assertEquals(UsageRejection.MAX_RAW_CHARS, fromBytes.raw().length());
        assertEquals(200_000L, fromBytes.originalBytes());
        assertWithinBound(fromBytes);
    }

    @Test
    void shouldEchoADecimalTooLargeToPrintAsItWasWritten() throws JsonProcessingException {
        // Written plainly, 1e1000000 is a million digits, and Jackson refuses to print it at all
        final JsonNode event = Json.tree("{\"id\":\"e1\",\"properties\":{\"n\":1e1000000}}"
            .getBytes(StandardCharsets.UTF_8));
        final UsageRejection rejection = new UsageRejection("acme", "e1", RejectionReason.INVALID, "too large",
            event, null, AT);
        assertNull(rejection.event());
        assertTrue(rejection.raw().contains("1E+1000000"), rejection.raw());
        assertWithinBound(rejection);
    }

    @Test
    void shouldReadBackAClippedRejectionUnchanged() {
        final UsageRejection clipped = UsageRejection.ofRecord("acme", "e1", RejectionReason.INVALID,
            "x".repeat(10_000), null, "y".repeat(10_000).getBytes(StandardCharsets.UTF_8), AT);
        assertEquals(clipped, Json.read(Json.write(clipped), UsageRejection.class));
    }

    @Test
    void shouldKeepInvalidBytesAsReadableText() {
        final UsageRejection rejection = UsageRejection.ofRecord(null, null, RejectionReason.INVALID, "not UTF-8",
            null, new byte[] {0, 0, 1, 0}, AT);
        assertEquals("\u0000\u0000\u0001\u0000", rejection.raw());
        assertNull(rejection.originalBytes());
        assertWithinBound(rejection);
    }

    private static void assertWithinBound(final UsageRejection rejection) {
        final int size = Json.write(rejection).length;
        assertTrue(size <= UsageRejection.MAX_RECORD_BYTES, "a rejection of " + size + " bytes");
    }
}
