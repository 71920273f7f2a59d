package dev.tollgate.bench;

import dev.tollgate.model.topic.KafkaClientProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Tollgate's ingest and rater behind their real HTTP server on a loopback port, started as the launcher starts
 * them (the same properties and server settings), against the benchmark's broker.
 */
final class PipelineServer implements AutoCloseable {

    private final ApplicationContext context;
    private final int port;
    private final String ingestKey;

    private PipelineServer(final ApplicationContext context, final int port, final String ingestKey) {
        this.context = context;
        this.port = port;
        this.ingestKey = ingestKey;
    }

    /**
     * @param raterApplicationId the rater's Kafka Streams application; one that already ran on {@code dataDir}
     *                           resumes with its state and offsets instead of rating the whole topic again
     */
    static PipelineServer start(final String bootstrapServers, final Path dataDir, final String raterApplicationId) {
        // The rater advertises its endpoint in its streams config, so the port is chosen before the server starts.
        final int port = freeLoopbackPort();
        final String ingestKey = "bench-ingest-" + UUID.randomUUID();
        final Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", port);
        // As local/src/main/resources/application.yml sets them for the launcher.
        properties.put("micronaut.server.thread-selection", "BLOCKING");
        properties.put("micronaut.server.max-request-size", 1_048_576);
        properties.put("tollgate.kafka.bootstrap-servers", bootstrapServers);
        // As the launcher's application.yml: micronaut-kafka's producer configuration exists once a kafka.* property does.
        properties.put("kafka.health.enabled", false);
        properties.put("tollgate.rater.data-dir", dataDir.toString());
        properties.put("tollgate.admin-key", "bench-admin-" + UUID.randomUUID());
        properties.put("tollgate.ingest-key", ingestKey);
        properties.put("tollgate.components.plan-api", false);
        properties.put("tollgate.components.ingest", true);
        properties.put("tollgate.components.rater", true);
        properties.put("tollgate.rater.application-id", raterApplicationId);
        properties.put("tollgate.rater.advertised-endpoint", "127.0.0.1:" + port);
        // A failed rater must end the benchmark with an error, not the JVM with exit status 3.
        properties.put("tollgate.rater.exit-on-error", false);
        // The benchmark's broker takes clients as they come: no security properties to start from.
        final ApplicationContext context = ApplicationContext.builder().properties(properties)
            .singletons(KafkaClientProperties.NONE).start();
        try {
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return new PipelineServer(context, port, ingestKey);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The key of POST /v1/events; the customer queries take it too. */
    String ingestKey() {
        return ingestKey;
    }

    @Override
    public void close() {
        context.close();
    }
}
