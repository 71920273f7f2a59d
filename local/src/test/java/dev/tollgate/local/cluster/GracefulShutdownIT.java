package dev.tollgate.local.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged jar while a batch POST is in flight: the process stops taking connections,
 * answers the batch 202 (Kafka acknowledged it), then stops within the drain bound.
 */
class GracefulShutdownIT {

    private static final String INGEST = "shutdown-ingest-key";
    private static final int EVENTS = 200;

    @TempDir
    Path temp;

    private TollgateProcess tollgate;

    @AfterEach
    void stop() {
        if (tollgate != null) {
            tollgate.close();
        }
    }

    @Test
    void shouldAnswerABatchInFlightWhenSigtermArrives() throws Exception {
        tollgate = TollgateProcess.start("shutdown", temp, Map.of(
            "TOLLGATE_KAFKA_PORT", Integer.toString(freePort()),
            "TOLLGATE_ADMIN_KEY", "shutdown-admin-key",
            "TOLLGATE_INGEST_KEY", INGEST));
        final byte[] body = batch().getBytes(StandardCharsets.UTF_8);
        final int half = body.length / 2;

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tollgate.port())) {
            socket.setSoTimeout(30_000);
            final OutputStream out = socket.getOutputStream();
            // The headers and half the body: the server has the request, and cannot answer it yet.
            out.write(("POST /v1/events/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + INGEST
                + "\r\nContent-Type: application/json\r\nX-Request-Id: in-flight-1\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            Thread.sleep(500);

            final long terminated = System.nanoTime();
            tollgate.terminate();
            await().atMost(5, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> refusesConnections(tollgate.port()));

            out.write(body, half, body.length - half);
            out.flush();
            final String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 202 "), answer);
            assertTrue(answer.contains("X-Request-Id: in-flight-1") || answer.contains("x-request-id: in-flight-1"),
                answer);
            assertTrue(answer.contains("\"evt_sigterm_" + (EVENTS - 1) + "\""), answer);

            tollgate.awaitExit(Duration.ofSeconds(60));
            final Duration stopping = Duration.ofNanos(System.nanoTime() - terminated);
            final String log = tollgate.log();
            assertTrue(log.contains("Tollgate stopping: no new requests; up to 10 s for those in flight"), log);
            assertTrue(log.matches("(?s).*Tollgate stopped in \\d+ ms.*"), log);
            assertFalse(log.contains("cut off"), log);
            System.out.println("SIGTERM to exit with a batch in flight: " + stopping.toMillis() + " ms");
        }
    }

    private static String batch() {
        final StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
        for (int i = 0; i < EVENTS; i++) {
            events.add("{\"id\":\"evt_sigterm_" + i + "\",\"type\":\"call_ended\",\"customer_id\":\"sigterm_c" + (i % 7)
                + "\",\"properties\":{\"seconds\":" + i + "}}");
        }
        return events.toString();
    }

    /** The status line, headers and body of one answer with a Content-Length. */
    private static String readAnswer(final InputStream in) throws IOException {
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            final int next = in.read();
            if (next < 0) {
                return head + "(connection closed before the answer was complete)";
            }
            head.append((char) next);
        }
        final int length = head.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
            .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static boolean refusesConnections(final int port) {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
