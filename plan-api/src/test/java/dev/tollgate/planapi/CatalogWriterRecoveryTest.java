package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * A write that fails inside its transaction (the broker refuses a record larger than the topic takes)
 * leaves no wedged writer behind: the next write, and every one after it, commits.
 */
class CatalogWriterRecoveryTest {

    private static final ConfigResource METERS = new ConfigResource(ConfigResource.Type.TOPIC, Topics.METERS.name());

    @Test
    void shouldCommitTheNextWriteAfterTheBrokerRefusedOneMidTransaction() throws Exception {
        try (TestServer api = CatalogApi.start(); Admin admin = SharedKafka.admin()) {
            final TestHttp http = api.http();
            assertEquals(201, createMeter(http, unique("before"), "short").status());

            final String refused = unique("refused");
            setMaxMessageBytes(admin, "300");
            final TestHttp.Answer tooLarge;
            try {
                tooLarge = createMeter(http, refused, "x".repeat(1_000));
            } finally {
                setMaxMessageBytes(admin, null);
            }
            assertEquals(503, tooLarge.status(), tooLarge.body());

            for (int i = 0; i < 3; i++) {
                final TestHttp.Answer next = createMeter(http, unique("after"), "short");
                assertEquals(201, next.status(), "write " + i + " after the refusal: " + next.body());
            }
            assertEquals(404, http.get("/v1/meters/" + refused, ADMIN).status(), "the refused write left nothing");
            assertEquals(List.of(), CatalogApi.readTopic(Topics.METERS, refused), "nothing committed for it");
        }
    }

    private static TestHttp.Answer createMeter(final TestHttp http, final String code, final String name) {
        return http.post("/v1/meters", ADMIN, """
            {"code": "%s", "name": "%s", "event_type": "call", "aggregation": "count"}""".formatted(code, name));
    }

    /** Sets the meters topic's {@code max.message.bytes}, or back to the broker's default for null. */
    private static void setMaxMessageBytes(final Admin admin, final String bytes) throws Exception {
        final ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes == null ? "" : bytes);
        final AlterConfigOp op = new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE
            : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(METERS, List.of(op))).all().get();
    }
}
