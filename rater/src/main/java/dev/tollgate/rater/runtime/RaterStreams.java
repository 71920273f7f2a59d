package dev.tollgate.rater.runtime;

import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.topology.RaterSettings;
import dev.tollgate.rater.topology.RatingTopology;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the rater's {@link KafkaStreams}: builds the topology for the partition count the topics
 * really have, starts it with exactly-once, and closes it on shutdown. The framework only calls in;
 * everything about rating lives in {@link RatingTopology}.
 */
@Context
@Requires(property = "tollgate.components.rater", value = "true")
public class RaterStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaterStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** A thread that dies more often than this is failing on every record, not on a passing fault. */
    private static final int MAX_THREAD_REPLACEMENTS_PER_MINUTE = 5;

    private final KafkaStreams streams;
    private final RatingCounts counts = new RatingCounts();
    private final Deque<Instant> replacements = new ArrayDeque<>();

    public RaterStreams(@Value("${tollgate.kafka.bootstrap-servers}") final String bootstrapServers,
                        @Value("${tollgate.data-dir}") final Path dataDir,
                        @Value("${tollgate.rater.application-id:tollgate-rater}") final String applicationId,
                        @Value("${tollgate.rater.stream-threads:1}") final int streamThreads,
                        @Value("${tollgate.rater.dedup-window:P35D}") final Duration dedupWindow,
                        @Value("${tollgate.rater.catalog-hold:PT10S}") final Duration catalogHold,
                        @Value("${tollgate.late-grace:PT1H}") final Duration lateGrace,
                        @Value("${tollgate.rater.statement-retention:P400D}") final Duration statementRetention,
                        @Value("${tollgate.rater.advertised-endpoint}") final String advertisedEndpoint) {
        final Properties config = streamsConfig(bootstrapServers, dataDir, applicationId, streamThreads,
            advertisedEndpoint);
        final int partitions = customerPartitions(bootstrapServers);
        final RaterSettings settings = new RaterSettings(partitions, dedupWindow, catalogHold,
            RaterSettings.DEFAULT_PENDING_CHECK, lateGrace, RaterSettings.DEFAULT_CLOSE_CHECK, statementRetention);
        this.streams = new KafkaStreams(RatingTopology.build(settings, counts, config), config);
        streams.setUncaughtExceptionHandler(this::onUncaught);
        streams.setStateListener((next, previous) -> LOG.info("rater streams {} -> {}", previous, next));
        streams.start();
    }

    /** The rater's Kafka Streams configuration; the benchmark runs the topology with exactly this. */
    public static Properties streamsConfig(final String bootstrapServers, final Path dataDir,
                                           final String applicationId, final int streamThreads,
                                           final String advertisedEndpoint) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedEndpoint);
        config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return config;
    }

    /**
     * Reads the partition count of the usage topic and checks that the subscriptions topic matches:
     * the rater reads a customer's subscriptions in the task that owns the customer's events.
     */
    private static int customerPartitions(final String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            final List<String> names = Topics.CO_PARTITIONED.stream().map(Topic::name).toList();
            final Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                .get(30, TimeUnit.SECONDS);
            final int partitions = described.get(Topics.USAGE_EVENTS.name()).partitions().size();
            for (final TopicDescription description : described.values()) {
                if (description.partitions().size() != partitions) {
                    throw new IllegalStateException("topic " + description.name() + " has "
                        + description.partitions().size() + " partitions but " + Topics.USAGE_EVENTS.name()
                        + " has " + partitions + ": they must match");
                }
            }
            return partitions;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the rater's input topics " + Topics.CO_PARTITIONED
                + " at " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the rater's input topics", e);
        }
    }

    private synchronized StreamThreadExceptionResponse onUncaught(final Throwable error) {
        final Instant now = Instant.now();
        replacements.addLast(now);
        while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minusSeconds(60))) {
            replacements.removeFirst();
        }
        if (replacements.size() > MAX_THREAD_REPLACEMENTS_PER_MINUTE) {
            LOG.error("rater stream thread failed {} times within a minute; shutting the rater down",
                replacements.size(), error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.warn("rater stream thread failed; replacing it", error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public RatingCounts counts() {
        return counts;
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @PreDestroy
    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
    }
}
