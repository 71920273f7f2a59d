package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.RatedCopies;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in JVMs of its own: the README's quickstart (start, curl walk-through, SIGTERM,
 * restart from the same data dir with the usage still there), kill -9 of the whole pipeline with
 * every event rated exactly once, and a clear refusal when the HTTP port is taken or the admin key is
 * the ingest key. Separate processes on a cluster, and raters killed again and again, are
 * {@code ClusterFailuresIT}'s.
 */
class TollgateJarIT {

    private static final Path JAR = Path.of("target", "tollgate-local.jar");
    private static final Pattern KEY = Pattern.compile("(admin|ingest) key:\\s+(\\S+)");

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldRunTheQuickstartAndResumeAfterARestart() throws Exception {
        final int httpPort = freePort();
        final Map<String, String> env = Map.of(
            "TOLLGATE_HTTP_PORT", Integer.toString(httpPort),
            "TOLLGATE_KAFKA_PORT", Integer.toString(freePort()),
            "TOLLGATE_DATA_DIR", temp.resolve("data").toString());
        final Running first = startHealthy(env, httpPort, temp.resolve("first.log"));
        final TestHttp http = first.http();
        final String admin = first.adminKey();
        final String ingest = first.ingestKey();

        assertEquals(201, http.post("/v1/meters", admin, "{\"code\":\"voice_seconds\",\"name\":\"Voice seconds\","
            + "\"event_type\":\"call_ended\",\"aggregation\":\"sum\",\"field\":\"seconds\"}").status());
        assertEquals(201, http.post("/v1/plans", admin, "{\"code\":\"starter\",\"name\":\"Starter\","
            + "\"interval\":\"monthly\",\"currency\":\"USD\",\"amount\":\"10.00\",\"charges\":[{\"meter\":"
            + "\"voice_seconds\",\"model\":\"standard\",\"properties\":{\"amount\":\"0.002\"}}]}").status());
        assertEquals(201, http.post("/v1/subscriptions", admin,
            "{\"id\":\"sub_1\",\"customer_id\":\"acme\",\"plan\":\"starter\"}").status());
        assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"evt_1\",\"type\":\"call_ended\","
            + "\"customer_id\":\"acme\",\"properties\":{\"seconds\":125}}").status());
        awaitTotal(http, admin, "0.250");

        first.process().destroy();
        assertTrue(first.process().waitFor(60, TimeUnit.SECONDS), "SIGTERM must stop the process");

        final Running second = startHealthy(env, httpPort, temp.resolve("second.log"));
        assertEquals(admin, second.adminKey(), "generated keys survive a restart");
        awaitTotal(http, admin, "0.250");
        // The same event again after the restart is a duplicate: the total does not move.
        assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"evt_1\",\"type\":\"call_ended\","
            + "\"customer_id\":\"acme\",\"properties\":{\"seconds\":125}}").status());
        assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"evt_2\",\"type\":\"call_ended\","
            + "\"customer_id\":\"acme\",\"properties\":{\"seconds\":5}}").status());
        awaitTotal(http, admin, "0.260");
    }

    /**
     * kill -9 while events are being ingested and rated, then a restart from the same data dir: the
     * producer resends what was not acknowledged, and every event is rated exactly once.
     */
    @Test
    void shouldRateEveryEventExactlyOnceAcrossAKill9() throws Exception {
        final int httpPort = freePort();
        final int kafkaPort = freePort();
        final Map<String, String> env = Map.of(
            "TOLLGATE_HTTP_PORT", Integer.toString(httpPort),
            "TOLLGATE_KAFKA_PORT", Integer.toString(kafkaPort),
            "TOLLGATE_DATA_DIR", temp.resolve("crash").toString());
        final Running first = startHealthy(env, httpPort, temp.resolve("crash-first.log"));
        final TestHttp http = first.http();
        final String admin = first.adminKey();
        final String ingest = first.ingestKey();
        assertEquals(201, http.post("/v1/meters", admin, "{\"code\":\"calls\",\"event_type\":\"call\","
            + "\"aggregation\":\"count\"}").status());
        assertEquals(201, http.post("/v1/plans", admin, "{\"code\":\"per_call\",\"name\":\"Per call\","
            + "\"interval\":\"monthly\",\"currency\":\"USD\",\"charges\":[{\"meter\":\"calls\","
            + "\"model\":\"standard\",\"properties\":{\"amount\":\"1\"}}]}").status());
        assertEquals(201, http.post("/v1/subscriptions", admin,
            "{\"id\":\"sub_crash\",\"customer_id\":\"acme\",\"plan\":\"per_call\"}").status());

        final int batches = 40;
        final int perBatch = 250;
        final boolean[] acknowledged = new boolean[batches];
        for (int batch = 0; batch < batches / 2; batch++) {
            acknowledged[batch] = http.post("/v1/events/batch", ingest, batch(batch, perBatch)).status() == 202;
        }
        // Mid-stream: half the events are in, the rater is still working through them.
        first.process().destroyForcibly();
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));

        startHealthy(env, httpPort, temp.resolve("crash-second.log"));
        for (int batch = 0; batch < batches; batch++) {
            if (!acknowledged[batch]) {
                assertEquals(202, http.post("/v1/events/batch", ingest, batch(batch, perBatch)).status());
            }
        }
        awaitTotal(http, admin, Integer.toString(batches * perBatch));
        // The store shows the total before the last transaction commits: wait for the topic too.
        final String bootstrap = "127.0.0.1:" + kafkaPort;
        await().atMost(60, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS)
            .until(() -> RatedCopies.byEventId(bootstrap).size() == batches * perBatch);

        final Map<String, Integer> copies = RatedCopies.byEventId(bootstrap);
        assertEquals(batches * perBatch, copies.size(), "every event rated");
        copies.forEach((id, count) -> assertEquals(1, count, "rated copies of " + id));
    }

    private static String batch(final int batch, final int size) {
        final StringBuilder events = new StringBuilder("{\"events\":[");
        for (int i = 0; i < size; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(batch).append('-').append(i)
                .append("\",\"type\":\"call\",\"customer_id\":\"acme\"}");
        }
        return events.append("]}").toString();
    }


    @Test
    void shouldExitWithAClearMessageWhenTheHttpPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            final Path log = temp.resolve("taken.log");
            final Process process = start(Map.of(
                "TOLLGATE_HTTP_PORT", Integer.toString(taken.getLocalPort()),
                "TOLLGATE_KAFKA_PORT", Integer.toString(freePort()),
                "TOLLGATE_DATA_DIR", temp.resolve("taken").toString()), log);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, process.exitValue());
            final String output = Files.readString(log);
            assertTrue(output.contains("port " + taken.getLocalPort()) && output.contains("in use"), output);
        }
    }

    @Test
    void shouldExitWithCode2WhenTheAdminKeyIsTheIngestKey() throws Exception {
        final Path log = temp.resolve("same-keys.log");
        final Process process = start(Map.of(
            "TOLLGATE_HTTP_PORT", Integer.toString(freePort()),
            "TOLLGATE_KAFKA_PORT", Integer.toString(freePort()),
            "TOLLGATE_DATA_DIR", temp.resolve("same-keys").toString(),
            "TOLLGATE_ADMIN_KEY", "one-key-for-all",
            "TOLLGATE_INGEST_KEY", "one-key-for-all"), log);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        final String output = Files.readString(log);
        assertTrue(output.contains("TOLLGATE_ADMIN_KEY and TOLLGATE_INGEST_KEY are the same key"), output);
    }

    /** A jar process that answered UP, with the keys it printed. */
    private record Running(Process process, TestHttp http, String adminKey, String ingestKey) {
    }

    private Running startHealthy(final Map<String, String> env, final int httpPort, final Path log)
        throws IOException {
        final Process process = start(env, log);
        final TestHttp http = new TestHttp("http://127.0.0.1:" + httpPort);
        awaitHealthy(http, process, log);
        return new Running(process, http, key(log, "admin"), key(log, "ingest"));
    }

    private Process start(final Map<String, String> env, final Path log) throws IOException {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TOLLGATE_"));
        builder.environment().putAll(env);
        final Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void awaitHealthy(final TestHttp http, final Process process, final Path log) {
        await().atMost(120, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS).until(() -> {
            assertFalse(!process.isAlive(), () -> "exited early:\n" + read(log));
            try {
                return http.get("/health", null).status() == 200;
            } catch (RuntimeException notListeningYet) {
                return false;
            }
        });
    }

    private static void awaitTotal(final TestHttp http, final String admin, final String total) {
        awaitCustomerTotal(http, admin, "acme", total);
    }

    private static void awaitCustomerTotal(final TestHttp http, final String admin, final String customer,
                                           final String total) {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            final TestHttp.Answer usage = http.get("/v1/customers/" + customer + "/usage", admin);
            assertEquals(200, usage.status(), usage.body());
            assertEquals(0, new BigDecimal(total).compareTo(new BigDecimal(usage.json().get("total_amount")
                .asText())), usage.body());
        });
    }

    private static String key(final Path log, final String kind) throws IOException {
        final Matcher matcher = KEY.matcher(Files.readString(log));
        while (matcher.find()) {
            if (matcher.group(1).equals(kind)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("no " + kind + " key printed:\n" + Files.readString(log));
    }

    private static String read(final Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
