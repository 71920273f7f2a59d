package dev.tollgate.local.launch;

import dev.tollgate.broker.EmbeddedKafkaBroker;
import dev.tollgate.broker.TopicProvisioner;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Tollgate process: the embedded broker when it runs one, the topics, and the HTTP
 * server with the chosen components. The launcher and the end-to-end tests start it the same way.
 */
public final class Tollgate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tollgate.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    /** How long requests in flight at shutdown (a batch waiting on Kafka's acknowledgement) may take to finish. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final LaunchSettings settings;
    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;
    private final ApplicationContext context;

    private Tollgate(final LaunchSettings settings, final EmbeddedKafkaBroker broker, final String bootstrapServers,
                     final ApplicationContext context) {
        this.settings = settings;
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.context = context;
    }

    public static Tollgate start(final LaunchSettings requested) {
        final long started = System.nanoTime();
        prepareDataDir(requested.dataDir());
        checkPortFree(requested.httpHost(), requested.httpPort(), "TOLLGATE_HTTP_PORT");
        final LaunchSettings settings = ApiKeyFile.withKeys(requested);
        EmbeddedKafkaBroker broker = null;
        try {
            if (settings.runs(Component.BROKER)) {
                broker = new EmbeddedKafkaBroker(settings.dataDir().resolve("kafka"), settings.kafkaPort())
                    .reserving(settings.httpPort());
                broker.start();
            }
            final String bootstrap = broker != null ? broker.bootstrapServers() : settings.kafkaBootstrap();
            provisionTopics(settings.kafkaClient(), bootstrap, settings.partitions(),
                broker != null ? Optional.of((short) 1) : settings.replication());
            // Started by hand rather than through Micronaut.run: that registers a shutdown hook of its
            // own, which deadlocks with ours, and ours must close the broker after the context.
            final ApplicationContext context = ApplicationContext.builder()
                .properties(micronautProperties(settings, bootstrap))
                .singletons(settings.kafkaClient().clientProperties())
                .start();
            startServer(context);
            LOG.info(new StartSummary(settings, bootstrap, broker != null, Duration.ofNanos(System.nanoTime() - started))
                .line());
            return new Tollgate(settings, broker, bootstrap, context);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    private static void startServer(final ApplicationContext context) {
        try {
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private static void prepareDataDir(final Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LaunchException("TOLLGATE_DATA_DIR " + dataDir + " cannot be created: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
            throw new LaunchException("TOLLGATE_DATA_DIR " + dataDir + " is not a writable directory");
        }
    }

    private static void checkPortFree(final String host, final int port, final String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new LaunchException(setting + ": port " + port + " on " + host + " is already in use ("
                + e.getMessage() + "); stop what holds it or choose another port", e);
        }
    }

    /**
     * Creates every contract topic that is missing (co-partitioned topics share one partition count)
     * and warns about topics that a cluster of three or more brokers holds with fewer replicas. As the
     * first client to reach the cluster it is also the one to report credentials Kafka refuses.
     */
    private static void provisionTopics(final KafkaClientSettings kafkaClient, final String bootstrap,
                                        final int partitions, final Optional<Short> replication) {
        final List<NewTopic> topics = Topics.newTopics(partitions, replication);
        final Map<String, Object> config = ClientConfigs.admin(kafkaClient.properties(), bootstrap,
            "tollgate-launcher");
        try (Admin admin = Admin.create(config)) {
            TopicProvisioner.ensureTopics(admin, topics, TOPIC_TIMEOUT);
            final int brokers = admin.describeCluster().nodes().get(TOPIC_TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            ReplicationAdvice.warnings(brokers, TopicProvisioner.replicationFactors(admin,
                topics.stream().map(NewTopic::name).toList())).forEach(LOG::warn);
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            if (refusedCredentials(e)) {
                throw new LaunchException("Kafka at " + bootstrap + " refused Tollgate's credentials ("
                    + kafkaClient.describe() + "; check TOLLGATE_KAFKA_SASL_JAAS_CONFIG, the TOLLGATE_KAFKA_SSL_* "
                    + "variables or " + KafkaClientSettings.FILE_VARIABLE + "): " + e.getMessage(), e);
            }
            throw new LaunchException("cannot create Tollgate's topics on " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while creating Tollgate's topics on " + bootstrap, e);
        }
    }

    private static boolean refusedCredentials(final Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> micronautProperties(final LaunchSettings settings, final String bootstrap) {
        final Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", settings.httpHost());
        properties.put("micronaut.server.port", settings.httpPort());
        properties.put("tollgate.kafka.bootstrap-servers", bootstrap);
        properties.put("tollgate.rater.data-dir", settings.dataDir().toString());
        properties.put("tollgate.admin-key", settings.adminKey());
        properties.put("tollgate.ingest-key", settings.ingestKey());
        if (settings.instanceSecret() != null) {
            properties.put("tollgate.instance-secret", settings.instanceSecret());
        }
        settings.lateGrace().ifPresent(grace -> properties.put("tollgate.rater.late-grace", grace.toString()));
        settings.replication().ifPresent(factor -> properties.put("tollgate.kafka.replication", factor));
        properties.put("tollgate.rater.advertised-endpoint", settings.advertisedHost() + ":" + settings.httpPort());
        for (final Component component : List.of(Component.PLAN_API, Component.INGEST, Component.RATER)) {
            properties.put("tollgate.components." + component.wireName(), settings.runs(component));
        }
        return properties;
    }

    public LaunchSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ApplicationContext context() {
        return context;
    }

    public String baseUrl() {
        return "http://" + settings.advertisedHost() + ":" + settings.httpPort();
    }

    /**
     * Stops taking requests and lets those in flight finish (up to {@link #DRAIN_TIMEOUT}), then closes the
     * components (Kafka Streams commits and leaves its group, producers flush), then the broker they talk to.
     */
    @Override
    public void close() {
        final long started = System.nanoTime();
        LOG.info("Tollgate stopping: no new requests; up to {} s for those in flight", DRAIN_TIMEOUT.toSeconds());
        try {
            drainRequests();
            context.close();
        } finally {
            if (broker != null) {
                broker.close();
            }
            LOG.info("Tollgate stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /** Micronaut's graceful shutdown: the server closes its port and answers the requests it has. */
    private void drainRequests() {
        final Optional<GracefulShutdownManager> manager = context.findBean(GracefulShutdownManager.class);
        if (manager.isEmpty()) {
            return;
        }
        try {
            manager.get().shutdownGracefully().toCompletableFuture().get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("requests still in flight after {} s are cut off", DRAIN_TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("graceful shutdown of the HTTP server failed; closing anyway", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
