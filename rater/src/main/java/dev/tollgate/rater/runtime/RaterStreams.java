package dev.tollgate.rater.runtime;

import dev.tollgate.http.config.KafkaConnectionProperties;
import dev.tollgate.http.kafka.KafkaTree;
import dev.tollgate.http.metrics.KafkaMeters;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.errors.RaterErrorHandlers;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.topology.RatingTopology;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the rater's {@link KafkaStreams}: builds the topology for the partition count the topics
 * really have, starts it with exactly-once, and closes it on shutdown. The framework only calls in;
 * everything about rating lives in {@link RatingTopology}.
 *
 * <p>Its error paths are {@link RaterErrorHandlers} and {@link StreamsSupervisor}: a client that ends in
 * ERROR exits the process. Once a second it samples its progress for {@link RaterHealth}.
 */
@Context
@Requires(property = "tollgate.components.rater", value = "true")
public class RaterStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaterStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The consumer of a stream thread, not its restore consumer nor the global one. */
    private static final Pattern STREAM_THREAD_CONSUMER = Pattern.compile(".*-StreamThread-\\d+-consumer");

    private final KafkaStreams streams;
    private final KafkaMeters.Binding meters;
    private final RatingCounts counts = new RatingCounts();
    private final SkippedRecords skipped = new SkippedRecords("rater");
    private final ProgressWatch progress;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "rater-progress");
        thread.setDaemon(true);
        return thread;
    });

    public RaterStreams(final KafkaConnectionProperties kafka, final KafkaTree kafkaTree,
                        final KafkaMeters kafkaMeters, final RaterProperties rater) {
        final Properties config = streamsConfig(kafkaTree.common(), kafka.bootstrapServers(), rater.dataDir(),
            rater.applicationId(), rater.streamThreads(), rater.advertisedEndpoint());
        failover(config, rater.standbyReplicas(), rater.sessionTimeout());
        // -1 is Kafka Streams' own "the broker's default.replication.factor", as for the contract topics.
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, kafka.replication());
        RaterErrorHandlers.configure(config, skipped);
        final int partitions = customerPartitions(kafkaTree.common(), kafka.bootstrapServers());
        final RaterSettings settings = new RaterSettings(partitions, rater.dedupWindow(), rater.catalogHold(),
            RaterSettings.DEFAULT_PENDING_CHECK, rater.lateGrace(), RaterSettings.DEFAULT_CLOSE_CHECK,
            rater.statementRetention());
        this.streams = new KafkaStreams(RatingTopology.build(settings, counts, config), config);
        new StreamsSupervisor(Clock.systemUTC(), rater.exitOnError() ? StreamsSupervisor.systemExit()
            : status -> LOG.error("rater streams stopped for good; tollgate.rater.exit-on-error=false keeps the"
                + " process up, reporting DOWN")).supervise(streams);
        this.progress = new ProgressWatch(Clock.systemUTC(), rater.stallAfter());
        // Follows the client's metrics: a replaced stream thread's meters go, its successor's come.
        this.meters = kafkaMeters.bind(new KafkaStreamsMetrics(streams));
        streams.start();
        sampler.scheduleAtFixedRate(this::sampleProgress, 1, 1, TimeUnit.SECONDS);
    }

    /** Records processed by the stream threads so far, and records waiting on their input partitions. */
    private void sampleProgress() {
        double processed = 0;
        double waiting = 0;
        for (final Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            final MetricName name = metric.getKey();
            if (name.name().equals("process-total") && name.group().equals("stream-thread-metrics")) {
                processed += number(metric.getValue());
            } else if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                && STREAM_THREAD_CONSUMER.matcher(name.tags().getOrDefault("client-id", "")).matches()) {
                waiting += number(metric.getValue());
            }
        }
        progress.sample((long) processed, running() ? (long) waiting : 0);
    }

    private static double number(final Metric metric) {
        return metric.metricValue() instanceof Number value && Double.isFinite(value.doubleValue())
            ? value.doubleValue() : 0;
    }

    /**
     * The rater's Kafka Streams configuration; the benchmark runs the topology with exactly this. Streams
     * hands the {@code kafkaClient} properties on to the producers, consumers and admin client it creates;
     * its own settings, exactly-once among them, go on top.
     */
    public static Properties streamsConfig(final Map<String, ?> kafkaClient, final String bootstrapServers,
                                           final Path dataDir, final String applicationId, final int streamThreads,
                                           final String advertisedEndpoint) {
        final Properties config = new Properties();
        config.putAll(ClientConfigs.client(kafkaClient, bootstrapServers, applicationId));
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedEndpoint);
        config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        RaterErrorHandlers.configure(config, new SkippedRecords("rater"));
        // The default, pinned because the period close relies on it: a task does not process while one
        // of its partitions has records on the broker it has not fetched yet (PeriodCloseProcessor).
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        return config;
    }

    /**
     * A dead instance is noticed within {@code sessionTimeout} instead of the consumer's default 45 s,
     * and its tasks move to an instance that kept a standby copy of their stores, so the survivor
     * answers for its customers after a rebalance rather than after rebuilding the stores from the
     * changelogs. With one instance no standby is placed; with fewer instances than
     * {@code standbyReplicas} + 1 Kafka Streams places as many as it can.
     */
    private static void failover(final Properties config, final int standbyReplicas, final Duration sessionTimeout) {
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout.toMillis());
        // The consumer's own ratio of heartbeat to session (3 s to 45 s) would leave a 10 s session two heartbeats.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
            (int) Math.max(500, sessionTimeout.toMillis() / 5));
    }

    /**
     * Reads the partition count of the usage topic and checks that the subscriptions topic matches:
     * the rater reads a customer's subscriptions in the task that owns the customer's events.
     */
    private static int customerPartitions(final Map<String, ?> kafkaClient, final String bootstrapServers) {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafkaClient, bootstrapServers, "tollgate-rater-setup"))) {
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

    public KafkaStreams streams() {
        return streams;
    }

    public RatingCounts counts() {
        return counts;
    }

    public SkippedRecords skipped() {
        return skipped;
    }

    /** Null while the rater makes progress or idles with nothing to read; otherwise what is wrong. */
    public String stalled() {
        return progress.problem();
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @PreDestroy
    @Override
    public void close() {
        sampler.shutdownNow();
        meters.close();
        streams.close(CLOSE_TIMEOUT);
    }
}
