package dev.tollgate.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.broker.EmbeddedKafkaBroker;
import dev.tollgate.broker.TopicProvisioner;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes away under ingest and comes back: requests end in 503 with Retry-After within the
 * write bound instead of hanging, and once the broker is back every accepted event is on the topic
 * exactly once. Runs its own broker, since stopping the shared one would break every other test.
 */
class BrokerOutageTest {

    private static final Duration BOUND = Duration.ofSeconds(3);
    /** Scheduling slack on a loaded 2-core machine; the point is "seconds", not "forever". */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final String CUSTOMER = "outage-customer";

    @Test
    void shouldAnswer503WithinTheBoundWhileKafkaIsDownAndLoseNothingAcrossARestart(@TempDir final Path dataDir)
        throws Exception {
        final EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(dataDir, 0);
        first.start();
        final int port = first.port();
        provisionTopics(first.bootstrapServers());
        final List<String> accepted = new ArrayList<>();
        // Fewer write turns than the concurrent requests below: those without a turn are refused at once.
        try (TestServer server = TestServer.start(Map.of("tollgate.components.ingest", true,
            "tollgate.kafka.bootstrap-servers", first.bootstrapServers(),
            "tollgate.ingest.write-timeout", BOUND.toString(),
            "tollgate.ingest.max-concurrent-writes", 3))) {
            final TestHttp http = server.http();
            // A fresh broker and producer may need longer than the bound for their first write.
            accepted.add(awaitAccepting(http, "warm-up"));
            final List<String> before = ids("before", 100);
            assertEquals(202, postBatch(http, before).status());
            accepted.addAll(before);

            first.close();
            final List<String> during = ids("during", 100);
            final long started = System.nanoTime();
            final TestHttp.Answer refused = postBatch(http, during);
            final Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(503, refused.status(), refused.body());
            assertEquals("application/problem+json", refused.header("Content-Type").orElseThrow());
            assertTrue(Integer.parseInt(refused.header("Retry-After").orElseThrow()) > 0);
            assertTrue(took.compareTo(BOUND.plus(SLACK)) < 0, "503 took " + took);
            assertEveryConcurrentRequestEndsWithin(http, BOUND.plus(SLACK));
            assertAFreshProducerGivesUpWithinTheBound(first.bootstrapServers());

            try (EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(dataDir, port)) {
                second.start();
                accepted.add(awaitAccepting(http, "probe"));
                // What a producer does after a 503: the same events again, same ids.
                assertEquals(202, postBatch(http, during).status());
                accepted.addAll(during);
                final List<String> after = ids("after", 100);
                assertEquals(202, postBatch(http, after).status());
                accepted.addAll(after);
                // Same key, same partition, in order: once the sentinel is read, so is any copy written before it.
                assertEquals(202, http.post("/v1/events", TestServer.INGEST_KEY, Events.event("sentinel", CUSTOMER))
                    .status());
                accepted.add("sentinel");

                final Map<String, Long> onTopic = idCounts(second.bootstrapServers(), accepted);
                accepted.forEach(id -> assertEquals(1L, onTopic.getOrDefault(id, 0L), "copies of " + id));
            }
        }
    }

    /** Eight producers at once, none of them left hanging: each is answered (503) within the bound. */
    private static void assertEveryConcurrentRequestEndsWithin(final TestHttp http, final Duration limit)
        throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<Duration>> timings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                final String id = "concurrent-" + i;
                timings.add(pool.submit(() -> {
                    final long started = System.nanoTime();
                    assertEquals(503, http.post("/v1/events", TestServer.INGEST_KEY, Events.event(id, CUSTOMER))
                        .status());
                    return Duration.ofNanos(System.nanoTime() - started);
                }));
            }
            for (final Future<Duration> timing : timings) {
                final Duration took = timing.get();
                assertTrue(took.compareTo(limit) < 0, "a concurrent request took " + took);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A producer that never reached the broker has no metadata and would wait for it in send();
     * {@code max.block.ms} must end that wait within the bound too.
     */
    private static void assertAFreshProducerGivesUpWithinTheBound(final String deadBootstrap) {
        try (TestServer fresh = TestServer.start(Map.of("tollgate.components.ingest", true,
            "tollgate.kafka.bootstrap-servers", deadBootstrap,
            "tollgate.ingest.write-timeout", BOUND.toString()))) {
            final long started = System.nanoTime();
            final TestHttp.Answer refused = fresh.http().post("/v1/events", TestServer.INGEST_KEY,
                Events.event("fresh", CUSTOMER));
            final Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.header("Retry-After").isPresent());
            assertTrue(took.compareTo(BOUND.plus(SLACK)) < 0, "503 without metadata took " + took);
        }
    }

    /** Probes with fresh ids until ingest takes writes again; returns the id of the probe that got in. */
    private static String awaitAccepting(final TestHttp http, final String prefix) {
        final int[] attempt = {0};
        final String[] acceptedProbe = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            final String probe = prefix + "-" + attempt[0]++;
            final boolean in = http.post("/v1/events", TestServer.INGEST_KEY, Events.event(probe, CUSTOMER))
                .status() == 202;
            acceptedProbe[0] = probe;
            return in;
        });
        return acceptedProbe[0];
    }

    private static Map<String, Long> idCounts(final String bootstrapServers, final List<String> accepted) {
        final List<ConsumerRecord<String, byte[]>> records = UsageTopic.recordsOf(bootstrapServers, CUSTOMER,
            received -> received.stream().map(BrokerOutageTest::idOf).collect(Collectors.toSet())
                .containsAll(accepted));
        return records.stream().map(BrokerOutageTest::idOf)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static TestHttp.Answer postBatch(final TestHttp http, final List<String> ids) {
        return http.post("/v1/events/batch", TestServer.INGEST_KEY,
            Events.batch(ids.stream().map(id -> Events.event(id, CUSTOMER)).toList()));
    }

    private static List<String> ids(final String prefix, final int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static void provisionTopics(final String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicProvisioner.ensureTopics(admin, Topics.newTopics(4, Optional.of((short) 1)), Duration.ofSeconds(60));
        }
    }

    private static String idOf(final ConsumerRecord<String, byte[]> record) {
        try {
            final JsonNode event = Json.tree(record.value());
            return event.get("id").textValue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
