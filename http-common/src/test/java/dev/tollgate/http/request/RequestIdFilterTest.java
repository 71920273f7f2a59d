package dev.tollgate.http.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.testkit.TestHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** X-Request-Id on a real server, with the thread selection the launcher uses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIdFilterTest {

    static final String ENABLING_PROPERTY = "tollgate.test.logging-controller";
    private static final String ADMIN_KEY = "request-id-admin";

    private ApplicationContext context;
    private TestHttp http;

    @BeforeAll
    void start() {
        context = ApplicationContext.builder().properties(Map.of(
            "micronaut.server.host", "127.0.0.1",
            "micronaut.server.port", -1,
            "micronaut.server.thread-selection", "BLOCKING",
            "tollgate.admin-key", ADMIN_KEY,
            "tollgate.ingest-key", "request-id-ingest",
            ENABLING_PROPERTY, true)).start();
        final EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        http = new TestHttp("http://127.0.0.1:" + server.getPort());
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void shouldGenerateAnIdWhenTheRequestHasNone() {
        final TestHttp.Answer first = http.get("/health", null);
        final TestHttp.Answer second = http.get("/health", null);

        final String id = first.header(RequestId.HEADER).orElseThrow();
        assertEquals(id, UUID.fromString(id).toString());
        assertNotEquals(id, second.header(RequestId.HEADER).orElseThrow());
    }

    @Test
    void shouldEchoTheCallersIdWhenItIsSafe() {
        assertEquals("lb-7f3a:42", sendWithId("/health", "lb-7f3a:42").header(RequestId.HEADER).orElseThrow());
    }

    @Test
    void shouldReplaceAnIdThatIsTooLongOrNotVisibleAscii() {
        for (final String unsafe : List.of("x".repeat(129), "two words")) {
            final String answered = sendWithId("/health", unsafe).header(RequestId.HEADER).orElseThrow();
            assertEquals(answered, UUID.fromString(answered).toString());
        }
    }

    @Test
    void shouldPutTheIdInProblemBodiesOfFiltersControllersAndTheFramework() {
        final TestHttp.Answer unauthorized = sendWithId("/v1/meters", "no-key-1");
        assertEquals(401, unauthorized.status());
        assertEquals("no-key-1", unauthorized.json().get("request_id").asText());
        assertEquals("no-key-1", unauthorized.header(RequestId.HEADER).orElseThrow());

        final TestHttp.Answer conflict = sendWithId("/test/failing", "conflict-1");
        assertEquals(409, conflict.status());
        assertEquals("conflict-1", conflict.json().get("request_id").asText());

        final TestHttp.Answer missing = sendWithId("/no/such/route", "missing-1");
        assertEquals(404, missing.status());
        assertEquals("missing-1", missing.json().get("request_id").asText());
        assertEquals("missing-1", missing.header(RequestId.HEADER).orElseThrow());
    }

    @Test
    void shouldPutTheIdInTheMdcOfLogLinesWrittenOnTheControllerThread() {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        final Logger logger = (Logger) LoggingController.LOG;
        logger.addAppender(appender);
        try {
            final TestHttp.Answer answer = sendWithId("/test/logged", "trace-controller-1");
            assertEquals(200, answer.status());

            assertEquals(1, appender.list.size());
            final ILoggingEvent line = appender.list.get(0);
            assertEquals("trace-controller-1", line.getMDCPropertyMap().get(RequestId.MDC_KEY));
            assertEquals(answer.json().get("thread").asText(), line.getThreadName());
            assertFalse(line.getThreadName().contains("eventloop"), "BLOCKING runs controllers off the event loop: "
                + line.getThreadName());
        } finally {
            logger.detachAppender(appender);
        }
    }

    private TestHttp.Answer sendWithId(final String path, final String id) {
        return http.send(http.request(path, null).header(RequestId.HEADER, id).GET().build());
    }
}
