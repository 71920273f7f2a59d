package dev.tollgate.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one node), running inside this JVM
 * from Apache Kafka's own server classes. Listens on 127.0.0.1 only. State lives in the data directory, so a new
 * instance on the same directory resumes the same cluster with its topics and records.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final BrokerStorage storage;
    private final int requestedPort;
    private final ScramListener scram;
    private int port;
    private int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;
    private final Set<Integer> reserved = new HashSet<>();

    /**
     * @param dataDir the broker's home: it writes {@code server.properties} and its log directory {@code logs/} there
     * @param port the client port on 127.0.0.1; 0 picks a free one at {@link #start()}
     */
    public EmbeddedKafkaBroker(final Path dataDir, final int port) {
        this(dataDir, port, null);
    }

    /**
     * A broker that also takes SASL/SCRAM clients on {@code scram}'s port, for tests of authenticated clients.
     *
     * @param scram null for none
     */
    public EmbeddedKafkaBroker(final Path dataDir, final int port, final ScramListener scram) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a port: " + port);
        }
        this.storage = new BrokerStorage(Objects.requireNonNull(dataDir, "dataDir"));
        this.requestedPort = port;
        this.scram = scram;
    }

    /**
     * Keeps the broker's picked ports (the controller's, and the client port when none was asked for)
     * off {@code port}: one its process is about to bind itself, such as its HTTP port, which is free
     * until then and would otherwise be as likely a pick as any.
     */
    public synchronized EmbeddedKafkaBroker reserving(final int port) {
        reserved.add(port);
        return this;
    }

    /**
     * Formats the storage on first use, starts the broker and returns once it answers clients.
     *
     * @throws BrokerStartException naming the port or path at fault
     */
    public synchronized void start() {
        if (server != null || closed) {
            throw new IllegalStateException("An embedded broker starts once; create a new one to restart");
        }
        final long started = System.nanoTime();
        storage.prepare();
        if (requestedPort != 0) {
            LoopbackPorts.requireFree(requestedPort, "Kafka client listener");
        }
        port = requestedPort != 0 ? requestedPort : LoopbackPorts.pickFreeExcept(reserved);
        final Set<Integer> taken = new HashSet<>(reserved);
        taken.add(port);
        controllerPort = LoopbackPorts.pickFreeExcept(taken);

        final Properties settings = BrokerSettings.combinedMode(storage.logDir(), port, controllerPort);
        if (scram != null) {
            scram.addTo(settings);
        }
        storage.writeConfig(settings);
        if (!storage.isFormatted()) {
            storage.formatWithNewClusterId();
        }
        server = launch(settings);
        awaitClients();
        LOG.info("Kafka broker up at {} (cluster {}, data {}) in {} ms", bootstrapServers(), clusterId(),
                storage.dataDir(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** "127.0.0.1:port", for clients' bootstrap.servers; known once {@link #start()} has chosen the port. */
    public synchronized String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port();
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("The port of an embedded broker is chosen at start()");
        }
        return port;
    }

    /** The id given at first format; it stays the same for every later start on this data directory. */
    public String clusterId() {
        return storage.clusterId()
                .orElseThrow(() -> new IllegalStateException("Broker storage in " + storage.logDir() + " is not formatted"));
    }

    public Path dataDir() {
        return storage.dataDir();
    }

    /** Shuts down in a controlled way and waits for Kafka's threads, so the directory and ports can be reused at once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            final long stopping = System.nanoTime();
            stop(server);
            server = null;
            LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
        }
    }

    synchronized int controllerPort() {
        return controllerPort;
    }

    private KafkaRaftServer launch(final Properties settings) {
        final KafkaRaftServer raft;
        try {
            raft = new KafkaRaftServer(new KafkaConfig(settings, false), Time.SYSTEM);
        } catch (final RuntimeException e) {
            throw new BrokerStartException("Kafka rejected the broker storage in " + storage.logDir() + " or its settings in "
                    + storage.configFile() + ": " + e.getMessage(), e);
        }
        try {
            raft.startup();
            return raft;
        } catch (final RuntimeException e) {
            stop(raft);
            throw new BrokerStartException("Kafka broker failed to start on " + LoopbackPorts.HOST + ":" + port
                    + " (controller port " + controllerPort + "): " + e.getMessage(), e);
        }
    }

    private void awaitClients() {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (long remainingMs = millisUntil(deadline); remainingMs > 0; remainingMs = millisUntil(deadline)) {
                if (answers(admin, remainingMs)) {
                    return;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            failStart("Interrupted while waiting for the Kafka broker at " + bootstrapServers(), e);
        }
        failStart("Kafka broker at " + bootstrapServers() + " did not answer within " + READY_TIMEOUT.toSeconds() + " s", null);
    }

    private boolean answers(final Admin admin, final long timeoutMs) throws InterruptedException {
        try {
            final DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeoutMs);
            return admin.describeCluster(options).nodes().get(timeoutMs, TimeUnit.MILLISECONDS).stream()
                    .anyMatch(node -> node.id() == BrokerSettings.NODE_ID);
        } catch (final ExecutionException | TimeoutException e) {
            LOG.debug("Kafka broker at {} not answering yet", bootstrapServers(), e);
            return false;
        }
    }

    private static long millisUntil(final long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private void failStart(final String message, final Exception cause) {
        stop(server);
        server = null;
        throw new BrokerStartException(message, cause);
    }

    private static void stop(final KafkaRaftServer raft) {
        raft.shutdown();
        raft.awaitShutdown();
    }
}
