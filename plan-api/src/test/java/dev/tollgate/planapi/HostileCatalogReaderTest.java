package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.SkippedRecords.Reason;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Records the plan API never wrote, straight on the catalog topics: its reader skips and counts each
 * one, keeps the value it held for the key, and goes on serving reads and writes.
 */
class HostileCatalogReaderTest {

    @Test
    void shouldSkipUnreadableAndInvalidCatalogRecordsAndKeepServing() throws Exception {
        try (TestServer api = CatalogApi.start()) {
            final String meter = unique("hostile-meter");
            final JsonNode created = create(api.http(), "/v1/meters", """
                {"code": "%s", "event_type": "call", "aggregation": "count"}""".formatted(meter));
            final String plan = unique("hostile-plan");
            create(api.http(), "/v1/plans", """
                {"code": "%s", "name": "Hostile", "interval": "monthly", "currency": "USD", "amount": "5"}"""
                .formatted(plan));

            // Other tests write bad records too: the reader has read theirs by now, so count from here.
            final String versionless = unique("versionless-plan");
            final String statusless = unique("statusless-plan");
            final SkippedRecords skipped = api.context().getBean(CatalogStore.class).skipped();
            final long[] before = counts(skipped);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.reliableProducer(
                SharedKafka.bootstrapServers(), unique("hostile-writer"), Duration.ofSeconds(30)))) {
                send(producer, Topics.METERS.name(), meter, "{\"code\": 12");
                send(producer, Topics.METERS.name(), meter, """
                    {"code": "%s", "event_type": "call", "aggregation": "median"}""".formatted(meter));
                send(producer, Topics.PLANS.name(), plan, "{\"code\":\"" + plan + "\",\"versions\":[{\"amount\":1"
                    + "0".repeat(5_000) + "}]}");
                send(producer, Topics.PLANS.name(), plan, """
                    {"code": "%s", "status": "ACTIVE", "versions": [{"version": 2, "interval": "monthly"}]}"""
                    .formatted(plan));
                send(producer, Topics.PLANS.name(), plan, "{\"code\": \"" + plan + "\", \"versions\": []}");
                send(producer, Topics.PLANS.name(), versionless, "{\"code\": \"" + versionless + "\"}");
                // Well formed but for its status, which every plan answer shows.
                send(producer, Topics.PLANS.name(), statusless, """
                    {"code": "%s", "versions": [{"version": 1, "effective_from": "2026-01-01T00:00:00Z",
                     "interval": "monthly", "currency": "USD", "amount": "1"}]}""".formatted(statusless));
                send(producer, Topics.SUBSCRIPTIONS.name(), unique("customer"), "\u0000\u0000\u0001\u0000");
            }

            // Any read waits for the reader to pass everything written above.
            assertEquals(created, get(api.http(), "/v1/meters/" + meter), "the meter keeps its last good value");
            assertEquals("5", get(api.http(), "/v1/plans/" + plan).get("amount").asText());
            final long[] after = counts(skipped);
            final long[] expected = {1, 1, 1, 4, 1};
            for (int i = 0; i < after.length; i++) {
                assertEquals(expected[i], after[i] - before[i], "skipped records of kind " + i);
            }
            assertEquals(404, api.http().get("/v1/plans/" + versionless, ADMIN).status());
            assertEquals(404, api.http().get("/v1/plans/" + statusless, ADMIN).status());

            create(api.http(), "/v1/meters", """
                {"code": "%s", "event_type": "call", "aggregation": "count"}""".formatted(unique("after")));
            assertEquals(200, api.http().get("/health", null).status());
            assertEquals(200, api.http().get("/v1/plans", ADMIN).status());
            create(api.http(), "/v1/plans", """
                {"code": "%s", "name": "Late", "interval": "monthly", "currency": "USD", "amount": "1"}"""
                .formatted(versionless));
        }
    }

    /** Meters unreadable, meters invalid, plans unreadable, plans invalid, subscriptions unreadable. */
    private static long[] counts(final SkippedRecords skipped) {
        return new long[] {skipped.count(Topics.METERS.name(), Reason.UNREADABLE),
            skipped.count(Topics.METERS.name(), Reason.INVALID), skipped.count(Topics.PLANS.name(), Reason.UNREADABLE),
            skipped.count(Topics.PLANS.name(), Reason.INVALID),
            skipped.count(Topics.SUBSCRIPTIONS.name(), Reason.UNREADABLE)};
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final String topic, final String key,
                             final String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }
}
