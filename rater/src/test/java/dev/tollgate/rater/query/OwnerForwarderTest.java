package dev.tollgate.rater.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.http.auth.ApiKeyFilter;
import dev.tollgate.http.auth.InstanceSecret;
import dev.tollgate.http.auth.KeyProperties;
import dev.tollgate.http.auth.KeyKind;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.http.request.RequestId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class OwnerForwarderTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private final InstanceSecret instanceSecret = new InstanceSecret(new KeyProperties("admin-key", "ingest-key", null));
    private final OwnerForwarder forwarder = new OwnerForwarder(BOUND, "127.0.0.1:7001", instanceSecret);

    @Test
    void shouldRelayTheOwnersAnswerAsItCame() throws IOException {
        final Map<String, String> seen = new ConcurrentHashMap<>();
        final HttpServer owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        owner.createContext("/", exchange -> {
            seen.put("path", exchange.getRequestURI().toString());
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("token", exchange.getRequestHeaders().getFirst(InstanceSecret.TOKEN_HEADER));
            seen.put("kind", exchange.getRequestHeaders().getFirst(InstanceSecret.KIND_HEADER));
            seen.put("forwarded", exchange.getRequestHeaders().getFirst(OwnerForwarder.FORWARDED_HEADER));
            seen.put("requestId", exchange.getRequestHeaders().getFirst(RequestId.HEADER));
            final byte[] body = "{\"status\":503}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("Retry-After", "2");
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        owner.start();
        try {
            final HttpRequest<?> request = authenticated(HttpRequest.GET("/v1/customers/acme%2F1/usage?x=1")
                .header("Authorization", "Bearer k"), KeyKind.INGEST);
            RequestId.attach(request, "req-forwarded-1");
            final HttpResponse<String> relayed = forwarder.forward(request,
                new HostInfo("127.0.0.1", owner.getAddress().getPort()));

            assertEquals(503, relayed.code());
            assertEquals("{\"status\":503}", relayed.body());
            assertEquals("application/problem+json", relayed.getContentType().orElseThrow().toString());
            assertEquals("2", relayed.getHeaders().get("Retry-After"));
            assertEquals("/v1/customers/acme%2F1/usage?x=1", seen.get("path"));
            assertEquals("null", seen.get("authorization"), "the caller's key stays with this instance");
            assertEquals(instanceSecret.headers(KeyKind.INGEST).get(InstanceSecret.TOKEN_HEADER), seen.get("token"));
            assertEquals("ingest", seen.get("kind"));
            assertEquals("127.0.0.1:7001", seen.get("forwarded"));
            assertEquals("req-forwarded-1", seen.get("requestId"), "the owner logs under the caller's request id");
        } finally {
            owner.stop(0);
        }
    }

    @Test
    void shouldForwardABodyWithItsMethodAndContentType() throws IOException {
        final Map<String, String> seen = new ConcurrentHashMap<>();
        final HttpServer owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        owner.createContext("/", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            final byte[] body = "{\"status\":\"refunded\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        owner.start();
        try {
            final HttpResponse<String> relayed = forwarder.forward(
                authenticated(HttpRequest.POST("/v1/subscriptions/s1/refunds", "ignored")
                    .contentType("application/json"), KeyKind.ADMIN),
                new HostInfo("127.0.0.1", owner.getAddress().getPort()),
                "{\"id\":\"r1\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

            assertEquals(201, relayed.code());
            assertEquals("{\"status\":\"refunded\"}", relayed.body());
            assertEquals("POST", seen.get("method"));
            assertEquals("application/json", seen.get("type"));
            assertEquals("{\"id\":\"r1\"}", seen.get("body"), "the body given, not the one that came");
        } finally {
            owner.stop(0);
        }
    }

    @Test
    void shouldAnswerServiceUnavailableWhenTheOwnerDoesNotAnswerInTime() throws IOException {
        // Accepts the connection but never answers, as a stalled owner would.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final long started = System.nanoTime();
            final ProblemException thrown = assertThrows(ProblemException.class, () -> forwarder.forward(
                authenticated(HttpRequest.GET("/v1/customers/acme/usage"), KeyKind.ADMIN),
                new HostInfo("127.0.0.1", silent.getLocalPort())));

            assertEquals(503, thrown.problem().status());
            assertTrue(thrown.retryAfter() != null, "a 503 says when to try again");
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND.multipliedBy(4)) < 0,
                "gave up within its bound");
        }
    }

    @Test
    void shouldAnswerServiceUnavailableWhenNothingListensAtTheOwner() throws IOException {
        final int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        final ProblemException thrown = assertThrows(ProblemException.class, () -> forwarder.forward(
            authenticated(HttpRequest.GET("/v1/customers/acme/usage"), KeyKind.ADMIN),
            new HostInfo("127.0.0.1", closedPort)));

        assertEquals(503, thrown.problem().status());
    }

    /** As the API key filter leaves a request it let through. */
    private static <B> HttpRequest<B> authenticated(final HttpRequest<B> request, final KeyKind kind) {
        return request.setAttribute(ApiKeyFilter.KIND_ATTRIBUTE, kind);
    }
}
