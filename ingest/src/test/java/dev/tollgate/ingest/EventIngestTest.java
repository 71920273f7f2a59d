package dev.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventIngestTest {

    private static TestServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("tollgate.components.ingest", true));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldWriteOneEventKeyedByCustomerOnlyAfterAcknowledgement() throws IOException {
        final String customer = unique("cust");
        final TestHttp.Answer answer = http.post("/v1/events", TestServer.INGEST_KEY, Events.event("e1", customer));

        assertEquals(202, answer.status(), answer.body());
        assertEquals(List.of("e1"), ids(answer.json().get("accepted")));
        final List<ConsumerRecord<String, byte[]>> records = UsageTopic.recordsOf(SharedKafka.bootstrapServers(),
            customer, received -> !received.isEmpty());
        final JsonNode written = Json.tree(records.get(0).value());
        assertEquals("e1", written.get("id").textValue());
        assertEquals("call_ended", written.get("type").textValue());
        assertEquals(customer, written.get("customer_id").textValue());
        assertEquals("2026-01-31T12:00:00Z", written.get("timestamp").textValue());
        assertEquals(125, written.get("properties").get("seconds").intValue());
    }

    @Test
    void shouldForwardDecimalPropertiesAsDecimalStringsAndWholeNumbersAsNumbers() throws IOException {
        final String customer = unique("cust");
        assertEquals(202, http.post("/v1/events", TestServer.INGEST_KEY, "{\"id\":\"d1\",\"type\":\"words\","
            + "\"customer_id\":\"" + customer + "\",\"properties\":{\"words\":120,\"rate\":0.25}}").status());

        final JsonNode properties = Json.tree(UsageTopic.recordsOf(SharedKafka.bootstrapServers(), customer,
            received -> !received.isEmpty()).get(0).value()).get("properties");
        assertEquals("0.25", properties.get("rate").textValue());
        assertEquals(120, properties.get("words").intValue());
    }

    @Test
    void shouldStampReceiptTimeWhenTheEventHasNone() throws IOException {
        final String customer = unique("cust");
        final TestHttp.Answer answer = http.post("/v1/events", TestServer.INGEST_KEY,
            "{\"id\":\"e1\",\"type\":\"query\",\"customer_id\":\"" + customer + "\"}");

        assertEquals(202, answer.status(), answer.body());
        final JsonNode written = Json.tree(UsageTopic.recordsOf(SharedKafka.bootstrapServers(), customer,
            received -> !received.isEmpty()).get(0).value());
        assertTrue(written.get("timestamp").textValue().startsWith("20"), written.toString());
    }

    @Test
    void shouldMapCloudEventAttributesOntoTheUsageEvent() throws IOException {
        final String customer = unique("cust");
        final TestHttp.Answer answer = post("/v1/events", "application/cloudevents+json; charset=utf-8",
            Events.cloudEvent("ce-1", customer));

        assertEquals(202, answer.status(), answer.body());
        assertEquals(List.of("ce-1"), ids(answer.json().get("accepted")));
        final JsonNode written = Json.tree(UsageTopic.recordsOf(SharedKafka.bootstrapServers(), customer,
            received -> !received.isEmpty()).get(0).value());
        assertEquals("ce-1", written.get("id").textValue());
        assertEquals("call_ended", written.get("type").textValue());
        assertEquals(customer, written.get("customer_id").textValue());
        assertEquals("2026-01-31T12:00:00Z", written.get("timestamp").textValue());
        assertEquals("inbound", written.get("properties").get("direction").textValue());
    }

    @Test
    void shouldWriteEveryEventOfABatchAndAnswerTheirIdsInOrder() {
        final String customer = unique("cust");
        final List<String> ids = IntStream.range(0, 1_000).mapToObj(i -> "b" + i).toList();
        final TestHttp.Answer answer = http.post("/v1/events/batch", TestServer.INGEST_KEY,
            Events.batch(ids.stream().map(id -> Events.event(id, customer)).toList()));

        assertEquals(202, answer.status(), answer.body());
        assertEquals(ids, ids(answer.json().get("accepted")));
        final List<ConsumerRecord<String, byte[]>> records = UsageTopic.recordsOf(SharedKafka.bootstrapServers(),
            customer, received -> received.size() >= ids.size());
        assertEquals(ids, records.stream().map(EventIngestTest::idOf).toList());
    }

    @Test
    void shouldWriteACloudEventsBatch() {
        final String customer = unique("cust");
        final TestHttp.Answer answer = post("/v1/events/batch", "application/cloudevents-batch+json",
            Events.cloudBatch(List.of(Events.cloudEvent("c1", customer), Events.cloudEvent("c2", customer))));

        assertEquals(202, answer.status(), answer.body());
        assertEquals(List.of("c1", "c2"), ids(answer.json().get("accepted")));
        assertEquals(List.of("c1", "c2"), UsageTopic.recordsOf(SharedKafka.bootstrapServers(), customer,
            received -> received.size() >= 2).stream().map(EventIngestTest::idOf).toList());
    }

    @Test
    void shouldRejectAMixedBatchWholeListingEveryBadItemByIndexAndWriteNone() {
        final String customer = unique("cust");
        final List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(Events.event("m" + i, customer));
        }
        items.set(2, "{\"id\":\"m2\",\"type\":\"call_ended\",\"customer_id\":\"" + customer
            + "\",\"timestamp\":\"yesterday\"}");
        items.set(5, "{\"type\":\"call_ended\",\"customer_id\":\"" + customer + "\",\"properties\":[1]}");
        items.set(9, "\"not an event\"");

        final TestHttp.Answer answer = http.post("/v1/events/batch", TestServer.INGEST_KEY, Events.batch(items));

        assertEquals(422, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        assertEquals(Set.of("events[2].timestamp", "events[5].id", "events[5].properties", "events[9]"),
            fields(answer.json()));
        // The same key lands on the same partition in order: once the sentinel is there, anything
        // written before it would be there too.
        assertEquals(202, http.post("/v1/events", TestServer.INGEST_KEY, Events.event("sentinel", customer)).status());
        final List<ConsumerRecord<String, byte[]>> records = UsageTopic.recordsOf(SharedKafka.bootstrapServers(),
            customer, received -> received.stream().anyMatch(r -> idOf(r).equals("sentinel")));
        assertEquals(List.of("sentinel"), records.stream().map(EventIngestTest::idOf).toList());
    }

    @Test
    void shouldAnswer413AsProblemForABodyPastOneMebibyteWithOrWithoutContentLength() {
        final String padding = "x".repeat(1_000);
        final String event = "{\"id\":\"big\",\"type\":\"t\",\"customer_id\":\"c\",\"properties\":{"
            + IntStream.range(0, 8).mapToObj(i -> "\"p" + i + "\":\"" + padding + "\"").collect(Collectors.joining(","))
            + "}}";
        final String body = Events.batch(IntStream.range(0, 140).mapToObj(i -> event).toList());
        assertTrue(body.length() > 1_048_576);

        final TestHttp.Answer declared = http.post("/v1/events/batch", TestServer.INGEST_KEY, body);
        final TestHttp.Answer chunked = http.send(http.request("/v1/events/batch", TestServer.INGEST_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build());

        for (final TestHttp.Answer answer : List.of(declared, chunked)) {
            assertEquals(413, answer.status(), answer.body());
            assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
            assertEquals(413, answer.json().get("status").intValue());
        }
    }

    private static TestHttp.Answer post(final String path, final String contentType, final String body) {
        return http.send(http.request(path, TestServer.INGEST_KEY).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Set<String> fields(final JsonNode problem) {
        return StreamSupport.stream(problem.path("errors").spliterator(), false)
            .map(error -> error.get("field").textValue()).collect(Collectors.toSet());
    }

    private static List<String> ids(final JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::textValue).toList();
    }

    private static String idOf(final ConsumerRecord<String, byte[]> record) {
        try {
            return Json.tree(record.value()).get("id").textValue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String unique(final String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
