package dev.tollgate.rater.query;

import static org.awaitility.Awaitility.await;

import dev.tollgate.rater.runtime.RaterStreams;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/** Rater instances of one Kafka Streams application in this JVM, each with its own port and data dir. */
final class RaterInstances {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    private RaterInstances() {
    }

    /**
     * A rater whose advertised endpoint is its own HTTP port, so that its peers can forward to it.
     * The port is chosen before the server starts because the endpoint is part of the streams config.
     */
    static TestServer start(final String applicationId) {
        final int port = freePort();
        return start(applicationId, port, port);
    }

    /** A rater that advertises a port nothing listens on: its peers cannot reach it, as across a broken network. */
    static TestServer startUnreachable(final String applicationId) {
        return start(applicationId, freePort(), freePort());
    }

    private static TestServer start(final String applicationId, final int port, final int advertisedPort) {
        return TestServer.start(Map.of(
            "tollgate.components.rater", true,
            "tollgate.rater.application-id", applicationId,
            "micronaut.server.port", port,
            "tollgate.rater.advertised-endpoint", "127.0.0.1:" + advertisedPort));
    }

    static KafkaStreams streams(final TestServer server) {
        return server.context().getBean(RaterStreams.class).streams();
    }

    static HostInfo host(final TestServer server) {
        return HostInfo.buildFromEndpoint(server.context().getRequiredProperty("tollgate.rater.advertised-endpoint",
            String.class));
    }

    static HostInfo owner(final TestServer asked, final String customerId) {
        return streams(asked).queryMetadataForKey(StateStores.SUBSCRIPTIONS.name(), customerId, new StringSerializer())
            .activeHost();
    }

    /**
     * Waits until every instance is RUNNING with active tasks of its own, and all of them name the
     * same owner for each customer: then a query sent to any of them has one right answer.
     */
    static void awaitSplit(final List<TestServer> servers, final Collection<String> customers) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            for (final TestServer server : servers) {
                final KafkaStreams streams = streams(server);
                if (streams.state() != KafkaStreams.State.RUNNING || streams.metadataForLocalThreads().stream()
                    .allMatch(thread -> thread.activeTasks().isEmpty())) {
                    return false;
                }
            }
            for (final String customer : customers) {
                final Set<HostInfo> named = servers.stream().map(server -> owner(server, customer))
                    .collect(Collectors.toSet());
                if (named.size() != 1 || servers.stream().map(RaterInstances::host).noneMatch(named::contains)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
