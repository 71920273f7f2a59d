package dev.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a producer can get an event wrong, each with the status and the field it must be told
 * about. None may be answered 500, and none may reach the topic.
 */
class BadInputTableTest {

    /** Every case's customer: after the table, the topic must hold nothing for it but the sentinel. */
    private static final String CUSTOMER = "bad-input-" + System.nanoTime();
    private static final String EVENTS = "/v1/events";
    private static final String BATCH = "/v1/events/batch";
    private static final String JSON = "application/json";
    private static final String CLOUD = "application/cloudevents+json";
    private static final String CLOUD_BATCH = "application/cloudevents-batch+json";
    private static final String VALID = Events.event("ok", CUSTOMER);

    private static TestServer server;
    private static TestHttp http;

    /**
     * @param field the field the problem must name, or null when the problem is about the whole request
     */
    record Case(String name, String path, String contentType, String key, byte[] body, int status, String field,
                Map<String, String> headers) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("tollgate.components.ingest", true));
        http = server.http();
    }

    @AfterAll
    static void nothingWasWritten() {
        try {
            assertEquals(202, http.post(EVENTS, TestServer.INGEST_KEY, Events.event("sentinel", CUSTOMER)).status());
            final List<ConsumerRecord<String, byte[]>> records = UsageTopic.recordsOf(SharedKafka.bootstrapServers(),
                CUSTOMER, received -> !received.isEmpty());
            assertEquals(1, records.size(), "only the sentinel may be on the topic for " + CUSTOMER);
        } finally {
            server.close();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
            // who may send
            new Case("no key", EVENTS, JSON, null, utf8(VALID), 401, null, Map.of()),
            new Case("admin key", EVENTS, JSON, TestServer.ADMIN_KEY, utf8(VALID), 403, null, Map.of()),
            new Case("unknown key", EVENTS, JSON, "guess", utf8(VALID), 401, null, Map.of()),
            // what the body is
            bad("wrong content type", EVENTS, "text/plain", VALID, 415, null),
            bad("form content type", EVENTS, "application/x-www-form-urlencoded", VALID, 415, null),
            bad("no content type", EVENTS, null, VALID, 415, null),
            new Case("CloudEvents binary mode", EVENTS, JSON, TestServer.INGEST_KEY, utf8(VALID), 415, null,
                Map.of("ce-specversion", "1.0")),
            bad("empty body", EVENTS, JSON, "", 400, null),
            bad("malformed JSON", EVENTS, JSON, "{\"id\":", 400, null),
            bad("array instead of object", EVENTS, JSON, "[" + VALID + "]", 400, null),
            bad("NaN literal", EVENTS, JSON, event("\"properties\":{\"seconds\":NaN}"), 400, null),
            bad("nesting past the parser's depth", EVENTS, JSON,
                event("\"properties\":{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}"), 400, null),
            bad("number of 2,000 digits", EVENTS, JSON, event("\"properties\":{\"n\":" + "9".repeat(2_000) + "}"),
                400, null),
            new Case("invalid UTF-8", EVENTS, JSON, TestServer.INGEST_KEY,
                new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 400, null,
                Map.of()),
            // encodings other than UTF-8, which Jackson would otherwise guess at
            new Case("00 00 01 00, taken for UCS-4", EVENTS, JSON, TestServer.INGEST_KEY, new byte[] {0, 0, 1, 0}, 400,
                null, Map.of()),
            new Case("event in UTF-16 with a byte order mark", EVENTS, JSON, TestServer.INGEST_KEY,
                VALID.getBytes(StandardCharsets.UTF_16), 400, null, Map.of()),
            new Case("event in UTF-16LE", EVENTS, JSON, TestServer.INGEST_KEY,
                VALID.getBytes(StandardCharsets.UTF_16LE), 400, null, Map.of()),
            new Case("event in UTF-32", EVENTS, JSON, TestServer.INGEST_KEY,
                VALID.getBytes(Charset.forName("UTF-32")), 400, null, Map.of()),
            new Case("batch in UTF-16BE", BATCH, JSON, TestServer.INGEST_KEY,
                Events.batch(List.of(VALID)).getBytes(StandardCharsets.UTF_16BE), 400, null, Map.of()),
            new Case("CloudEvent in UTF-16", EVENTS, CLOUD, TestServer.INGEST_KEY,
                Events.cloudEvent("c", CUSTOMER).getBytes(StandardCharsets.UTF_16), 400, null, Map.of()),
            new Case("CloudEvents batch in UTF-32", BATCH, CLOUD_BATCH, TestServer.INGEST_KEY,
                Events.cloudBatch(List.of(Events.cloudEvent("c", CUSTOMER))).getBytes(Charset.forName("UTF-32LE")),
                400, null, Map.of()),
            new Case("surrogate encoded in UTF-8", EVENTS, JSON, TestServer.INGEST_KEY,
                new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, 400,
                null, Map.of()),
            bad("truncated event", EVENTS, JSON, VALID.substring(0, VALID.length() / 2), 400, null),
            bad("truncated batch", BATCH, JSON, Events.batch(List.of(VALID, VALID)).substring(0, VALID.length()), 400,
                null),
            // the event's fields
            bad("missing id", EVENTS, JSON, "{\"type\":\"t\",\"customer_id\":\"" + CUSTOMER + "\"}", 422, "id"),
            bad("numeric id", EVENTS, JSON, replace("\"id\":\"ok\"", "\"id\":42"), 422, "id"),
            bad("blank id", EVENTS, JSON, replace("\"id\":\"ok\"", "\"id\":\"   \""), 422, "id"),
            bad("control character in id", EVENTS, JSON, replace("\"id\":\"ok\"", "\"id\":\"a\\u0007b\""), 422, "id"),
            bad("newline in id", EVENTS, JSON, replace("\"id\":\"ok\"", "\"id\":\"a\\nb\""), 422, "id"),
            bad("id of 257 characters", EVENTS, JSON, replace("\"id\":\"ok\"", "\"id\":\"" + "i".repeat(257) + "\""),
                422, "id"),
            bad("unpaired surrogate in id", EVENTS, JSON, replace("\"id\":\"ok\"", "\"id\":\"\\ud800\""), 422, "id"),
            bad("missing type", EVENTS, JSON, replace("\"type\":\"call_ended\",", ""), 422, "type"),
            bad("object as type", EVENTS, JSON, replace("\"type\":\"call_ended\"", "\"type\":{}"), 422, "type"),
            bad("missing customer_id", EVENTS, JSON, "{\"id\":\"x\",\"type\":\"t\"}", 422, "customer_id"),
            bad("null customer_id", EVENTS, JSON, "{\"id\":\"x\",\"type\":\"t\",\"customer_id\":null}", 422,
                "customer_id"),
            bad("epoch millis as timestamp", EVENTS, JSON, timestamp("1769860800000"), 422, "timestamp"),
            bad("date without time", EVENTS, JSON, timestamp("\"2026-01-31\""), 422, "timestamp"),
            bad("words as timestamp", EVENTS, JSON, timestamp("\"yesterday\""), 422, "timestamp"),
            bad("timestamp a year ahead", EVENTS, JSON, timestamp("\"3026-01-31T00:00:00Z\""), 422, "timestamp"),
            bad("timestamp in 1970", EVENTS, JSON, timestamp("\"1970-01-01T00:00:01Z\""), 422, "timestamp"),
            bad("properties as array", EVENTS, JSON, properties("[1,2]"), 422, "properties"),
            bad("properties as string", EVENTS, JSON, properties("\"seconds=5\""), 422, "properties"),
            bad("properties four levels deep", EVENTS, JSON, properties("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}"), 422,
                "properties.a.b.c"),
            bad("65 property keys", EVENTS, JSON, properties(IntStream.range(0, 65)
                .mapToObj(i -> "\"k" + i + "\":1").collect(Collectors.joining(",", "{", "}"))), 422, "properties"),
            bad("property string of 1,025 characters", EVENTS, JSON,
                properties("{\"note\":\"" + "n".repeat(1_025) + "\"}"), 422, "properties.note"),
            bad("properties past 8,192 characters in all", EVENTS, JSON, properties(IntStream.range(0, 10)
                .mapToObj(i -> "\"k" + i + "\":\"" + "v".repeat(1_000) + "\"")
                .collect(Collectors.joining(",", "{", "}"))), 422, "properties"),
            bad("thousands of nulls in nested arrays", EVENTS, JSON, properties("{\"a\":" + IntStream.range(0, 40)
                .mapToObj(i -> IntStream.range(0, 60).mapToObj(j -> "null").collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining(",", "[", "]")) + "}"), 422, "properties"),
            bad("number past 30 digits", EVENTS, JSON, properties("{\"seconds\":1e400}"), 422, "properties.seconds"),
            bad("number 1e1000000", EVENTS, JSON, properties("{\"seconds\":1e1000000}"), 422, "properties.seconds"),
            bad("exponent past an int", EVENTS, JSON, properties("{\"seconds\":-1e-2147483648}"), 400, null),
            bad("number 1E+2147483647", EVENTS, JSON, properties("{\"seconds\":1E+2147483647}"), 422,
                "properties.seconds"),
            bad("number 1e-10000", EVENTS, JSON, properties("{\"seconds\":1e-10000}"), 422, "properties.seconds"),
            bad("20,000 unknown fields", EVENTS, JSON, replace("\"properties\"", IntStream.range(0, 20_000)
                .mapToObj(i -> "\"f" + i + "\":1,").collect(Collectors.joining()) + "\"properties\""), 422, "f0"),
            bad("number with 40 decimals", EVENTS, JSON, properties("{\"seconds\":0." + "1".repeat(40) + "}"), 422,
                "properties.seconds"),
            bad("empty property key", EVENTS, JSON, properties("{\"\":1}"), 422, "properties"),
            bad("unknown top-level field", EVENTS, JSON, replace("\"properties\"", "\"quantity\":5,\"properties\""),
                422, "quantity"),
            // CloudEvents
            bad("CloudEvent without specversion", EVENTS, CLOUD, cloud("\"specversion\":\"1.0\",", ""), 422,
                "specversion"),
            bad("CloudEvent of spec 0.3", EVENTS, CLOUD, cloud("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""),
                422, "specversion"),
            bad("CloudEvent without source", EVENTS, CLOUD, cloud("\"source\":\"/switches/7\",", ""), 422, "source"),
            bad("CloudEvent without subject", EVENTS, CLOUD, cloud("\"subject\":\"" + CUSTOMER + "\",", ""), 422,
                "subject"),
            bad("CloudEvent with a bad time", EVENTS, CLOUD, cloud("2026-01-31T12:00:00Z", "31/01/2026"), 422, "time"),
            bad("CloudEvent with array data", EVENTS, CLOUD,
                cloud("\"data\":{\"seconds\":125,\"direction\":\"inbound\"}", "\"data\":[125]"), 422, "data"),
            bad("CloudEvent with long data string", EVENTS, CLOUD,
                cloud("\"direction\":\"inbound\"", "\"direction\":\"" + "d".repeat(1_025) + "\""), 422,
                "data.direction"),
            bad("CloudEvent with XML data", EVENTS, CLOUD, cloud("\"application/json\"", "\"application/xml\""), 422,
                "datacontenttype"),
            bad("CloudEvent with data_base64", EVENTS, CLOUD,
                cloud("\"data\":{\"seconds\":125,\"direction\":\"inbound\"}", "\"data_base64\":\"AAAA\""), 422,
                "data_base64"),
            // batches
            bad("batch without events", BATCH, JSON, "{}", 422, "events"),
            bad("batch events as object", BATCH, JSON, "{\"events\":{}}", 422, "events"),
            bad("empty batch", BATCH, JSON, "{\"events\":[]}", 422, "events"),
            bad("batch as bare array", BATCH, JSON, "[" + VALID + "]", 400, null),
            bad("batch item not an object", BATCH, JSON, Events.batch(List.of(VALID, "7")), 422, "events[1]"),
            bad("batch item with bad timestamp", BATCH, JSON,
                Events.batch(List.of(Events.event("a", CUSTOMER), Events.event("b", CUSTOMER), timestamp("\"x\""))),
                422, "events[2].timestamp"),
            bad("same id twice in a batch", BATCH, JSON,
                Events.batch(List.of(Events.event("twice", CUSTOMER), Events.event("twice", CUSTOMER))), 422,
                "events[1].id"),
            bad("1,001 events", BATCH, JSON, Events.batch(IntStream.range(0, 1_001)
                .mapToObj(i -> Events.event("n" + i, CUSTOMER)).toList()), 413, null),
            bad("single-event type on the batch route", BATCH, CLOUD, "[" + Events.cloudEvent("c", CUSTOMER) + "]",
                415, null),
            bad("CloudEvents batch as object", BATCH, CLOUD_BATCH, Events.cloudEvent("c", CUSTOMER), 400, null),
            bad("CloudEvents batch item without subject", BATCH, CLOUD_BATCH,
                Events.cloudBatch(List.of(Events.cloudEvent("c0", CUSTOMER), cloud("\"subject\":\"" + CUSTOMER
                    + "\",", ""))), 422, "[1].subject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldAnswerABadRequestWithItsStatusAndField(final Case bad) {
        final HttpRequest.Builder request = http.request(bad.path(), bad.key())
            .POST(HttpRequest.BodyPublishers.ofByteArray(bad.body()));
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        bad.headers().forEach(request::header);

        final TestHttp.Answer answer = http.send(request.build());

        assertEquals(bad.status(), answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        assertEquals(bad.status(), answer.json().get("status").intValue());
        if (bad.field() != null) {
            assertTrue(EventIngestTest.fields(answer.json()).contains(bad.field()),
                "expected an error on " + bad.field() + " in " + answer.body());
        }
    }

    private static Case bad(final String name, final String path, final String contentType, final String body,
                            final int status, final String field) {
        return new Case(name, path, contentType, TestServer.INGEST_KEY, utf8(body), status, field, Map.of());
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(final String extra) {
        return "{\"id\":\"x\",\"type\":\"t\",\"customer_id\":\"" + CUSTOMER + "\"," + extra + "}";
    }

    private static String replace(final String from, final String to) {
        return VALID.replace(from, to);
    }

    private static String timestamp(final String value) {
        return replace("\"2026-01-31T12:00:00Z\"", value);
    }

    private static String properties(final String value) {
        return replace("{\"seconds\":125,\"direction\":\"inbound\"}", value);
    }

    private static String cloud(final String from, final String to) {
        return Events.cloudEvent("c", CUSTOMER).replace(from, to);
    }
}
