package dev.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures ingest throughput with full batches; run by hand, it asserts no timing:
 * {@code mvn -o -pl ingest test -Dtest=IngestThroughputTest -Dtollgate.throughput=true}
 * (optional {@code -Dtollgate.throughput.batches=300 -Dtollgate.throughput.clients=4}). The result is
 * printed to {@code ingest/target/surefire-reports/dev.tollgate.ingest.IngestThroughputTest-output.txt}.
 */
@EnabledIfSystemProperty(named = "tollgate.throughput", matches = "true")
class IngestThroughputTest {

    private static final int BATCH_SIZE = 1_000;
    private static final int WARM_UP_BATCHES = 20;

    @Test
    void measureBatchIngestThroughput() throws Exception {
        final int batches = Integer.getInteger("tollgate.throughput.batches", 300);
        final int clients = Integer.getInteger("tollgate.throughput.clients", 4);
        try (TestServer server = TestServer.start(Map.of("tollgate.components.ingest", true))) {
            final TestHttp http = server.http();
            final String run = Long.toString(System.nanoTime());
            sendAll(http, run + "-warm", WARM_UP_BATCHES, clients);
            final long started = System.nanoTime();
            sendAll(http, run, batches, clients);
            final Duration took = Duration.ofNanos(System.nanoTime() - started);
            final double perSecond = batches * (double) BATCH_SIZE / (took.toNanos() / 1e9);
            System.out.printf(Locale.ROOT, "ingest throughput: %d batches of %d events from %d clients in %d ms = "
                    + "%.0f events/s on %d cores%n", batches, BATCH_SIZE, clients, took.toMillis(), perSecond,
                Runtime.getRuntime().availableProcessors());
        }
    }

    private static void sendAll(final TestHttp http, final String run, final int batches, final int clients)
        throws Exception {
        final List<String> bodies = IntStream.range(0, batches).mapToObj(b -> body(run, b)).toList();
        final AtomicInteger next = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            final List<Future<?>> senders = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                senders.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        final TestHttp.Answer answer = http.post("/v1/events/batch", TestServer.INGEST_KEY,
                            bodies.get(b));
                        assertEquals(202, answer.status(), answer.body());
                    }
                    return null;
                }));
            }
            for (final Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A batch of ~250-byte events over 100 customers, as a busy voice switch would send. */
    private static String body(final String run, final int batch) {
        return Events.batch(IntStream.range(0, BATCH_SIZE).mapToObj(i -> "{\"id\":\"" + run + "-" + batch + "-" + i
            + "\",\"type\":\"call_ended\",\"customer_id\":\"perf-customer-" + (i % 100)
            + "\",\"timestamp\":\"2026-01-31T12:00:00Z\",\"properties\":{\"seconds\":125,\"direction\":\"inbound\","
            + "\"trunk\":\"sip-trunk-07\",\"destination\":\"+6221555010" + (i % 10) + "\"}}").toList());
    }
}
