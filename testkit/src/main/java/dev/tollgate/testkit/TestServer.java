package dev.tollgate.testkit;

import dev.tollgate.model.topic.KafkaClientProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Tollgate HTTP server on a free loopback port against {@link SharedKafka}, running the
 * components named in {@code properties} (e.g. {@code tollgate.components.ingest=true}).
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_KEY = "test-admin-key";
    public static final String INGEST_KEY = "test-ingest-key";

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private TestServer(final ApplicationContext context, final EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    public static TestServer start(final Map<String, Object> properties) {
        final Map<String, Object> all = new HashMap<>();
        all.put("micronaut.server.host", "127.0.0.1");
        all.put("micronaut.server.port", -1);
        all.put("micronaut.server.thread-selection", "BLOCKING");
        all.put("micronaut.server.max-request-size", 1_048_576);
        all.put("tollgate.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        all.put("tollgate.admin-key", ADMIN_KEY);
        all.put("tollgate.ingest-key", INGEST_KEY);
        try {
            all.put("tollgate.rater.data-dir", Files.createTempDirectory("tollgate-test-data").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.put("tollgate.rater.application-id", "tollgate-rater-test-" + UUID.randomUUID());
        // As the launcher's application.yml: Tollgate checks Kafka itself, and micronaut-kafka's producer
        // configuration (the refund client's) exists only once some kafka.* property does.
        all.put("kafka.health.enabled", false);
        all.putAll(properties);
        // SharedKafka takes clients as they come: no security properties to start from.
        final ApplicationContext context = ApplicationContext.builder().properties(all)
            .singletons(KafkaClientProperties.NONE).start();
        final EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        return new TestServer(context, server);
    }

    public ApplicationContext context() {
        return context;
    }

    public TestHttp http() {
        return new TestHttp("http://127.0.0.1:" + server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
