package dev.tollgate.rater.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the instance that owns a customer cannot answer, a query is a 503 with Retry-After: never a
 * zero, an empty list or a 404 made up from stores that do not hold the customer.
 */
class UnavailableOwnerTest {

    private static TopicWriter writer;

    @BeforeAll
    static void openWriter() {
        writer = new TopicWriter();
    }

    @AfterAll
    static void closeWriter() {
        writer.close();
    }

    @Test
    void shouldAnswerServiceUnavailableWhileTheRaterIsNotRunning() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("voice", meter, null, new ChargeLimit(new BigDecimal("100"), true))));
        final List<String> customers = CustomerIds.onePerPartition("halted");
        customers.forEach(catalog::subscribe);
        try (TestServer server = RaterInstances.start("rater-halted-" + UUID.randomUUID())) {
            final String customer = customers.get(0);
            catalog.call(customer, "e1", "inbound", 100);
            awaitAnswer(server, "/v1/customers/" + customer + "/events/e1", 200);

            RaterInstances.streams(server).close(Duration.ofSeconds(30));
            assertEquals(KafkaStreams.State.NOT_RUNNING, RaterInstances.streams(server).state());

            for (final String path : List.of("/usage", "/entitlements/" + catalog.meter, "/events/e1")) {
                assertUnavailable(server.http().get("/v1/customers/" + customer + path, TestServer.INGEST_KEY));
            }
        }
    }

    @Test
    void shouldAnswerServiceUnavailableWhenTheOwnerIsUnreachable() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("voice", meter, null, null)));
        final List<String> customers = CustomerIds.onePerPartition("orphan");
        customers.forEach(catalog::subscribe);
        final String applicationId = "rater-orphan-" + UUID.randomUUID();
        try (TestServer asked = RaterInstances.start(applicationId);
             TestServer unreachable = RaterInstances.startUnreachable(applicationId)) {
            RaterInstances.awaitSplit(List.of(asked, unreachable), customers);
            final String customer = customers.stream()
                .filter(id -> RaterInstances.owner(asked, id).equals(RaterInstances.host(unreachable)))
                .findFirst().orElseThrow();
            catalog.call(customer, "e1", "inbound", 40);
            await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> rated(unreachable, customer));

            for (final String path : List.of("/usage", "/entitlements/" + catalog.meter, "/events/e1")) {
                assertUnavailable(asked.http().get("/v1/customers/" + customer + path, TestServer.ADMIN_KEY));
            }
        }
    }

    /** The owner has the answer: asked on its own HTTP port, which is up though it advertises another. */
    private static boolean rated(final TestServer server, final String customer) {
        final TestHttp.Answer answer = server.http().get("/v1/customers/" + customer + "/events/e1",
            TestServer.ADMIN_KEY);
        return answer.status() == 200 && "rated".equals(answer.json().get("status").textValue());
    }

    private static void assertUnavailable(final TestHttp.Answer answer) {
        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.header("Retry-After").isPresent(), "Retry-After is missing");
        assertTrue(answer.header("Content-Type").orElse("").startsWith("application/problem+json"),
            answer.header("Content-Type").orElse("no Content-Type"));
        assertEquals(503, answer.json().get("status").intValue());
    }

    private static TestHttp.Answer awaitAnswer(final TestServer server, final String path, final int status) {
        return await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(() -> server.http().get(path, TestServer.ADMIN_KEY), answer -> answer.status() == status);
    }
}
