package dev.tollgate.bench;

import dev.tollgate.broker.EmbeddedKafkaBroker;
import dev.tollgate.broker.TopicProvisioner;
import dev.tollgate.model.topic.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code java -jar bench/target/tollgate-bench.jar [events] [customers] [rounds]}: one embedded broker, one input,
 * and in order:
 * <ol>
 *   <li>the same events drained by an exactly-once passthrough, a naive aggregate and the rater, each timed by
 *       its committed output;</li>
 *   <li>end-to-end latency on that rater at half the throughput it just reached;</li>
 *   <li>the rater's state: bytes per (subscription, charge, period) aggregate;</li>
 *   <li>the rater's per-event cost at 10 and at 10,000 pricing groups on one subscription;</li>
 *   <li>HTTP ingest throughput, and entitlement query latency meanwhile, on the real HTTP server.</li>
 * </ol>
 * Tables for a person, then the same figures as one JSON object on the last line of the output.
 */
public final class RaterBenchmark {

    private static final int PARTITIONS = 4;

    private RaterBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        run(BenchOptions.parse(args, System.getProperties()), System.out);
    }

    static Summary run(final BenchOptions options, final PrintStream out) throws Exception {
        final long started = System.nanoTime();
        final Path dir = Files.createTempDirectory("tollgate-bench");
        final Summary summary;
        try (Progress progress = new Progress(out, options.progressEvery())) {
            summary = measure(options, dir, progress, out, started);
        } finally {
            // Each run leaves about a gigabyte of logs and state behind otherwise.
            Utils.delete(dir.toFile());
        }
        Report.print(summary, out);
        if (options.chartDir().isPresent()) {
            out.println("charts: " + Charts.write(summary, options.chartDir().get()));
        }
        out.println(summary.toJson());
        return summary;
    }

    private static Summary measure(final BenchOptions options, final Path dir, final Progress progress,
                                   final PrintStream out, final long started) throws Exception {
        final List<Round> rounds = new ArrayList<>();
        final long eventBytes;
        final Map<String, StateFootprint.Store> state;
        final Map<Integer, Drain.Result> groups;
        final HttpPhase.Result http;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0)) {
            broker.start();
            final String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                createTopics(admin);
                final Workload workload = new Workload(options.events(), options.customers(), bootstrap);
                workload.writeCatalog();
                progress.phase("writing events", "events", workload::written);
                final long writing = System.nanoTime();
                eventBytes = workload.writeEvents();
                out.printf(Locale.ROOT, "wrote %,d events (%d bytes each on average) for %,d customers in %.1f s%n",
                    options.events(), eventBytes / options.events(), options.customers(),
                    (System.nanoTime() - writing) / 1e9);

                // Each round's rater is an application of its own, so that it rates the whole input afresh; the
                // last one carries on through the later phases with the state it built.
                final List<Rater> raters = IntStream.range(0, options.rounds())
                    .mapToObj(i -> new Rater(bootstrap, dir, "bench-rater-" + UUID.randomUUID(), PARTITIONS))
                    .toList();
                for (final Rater each : raters) {
                    rounds.add(round(options, bootstrap, dir, admin, each, progress));
                }
                final Rater rater = raters.get(raters.size() - 1);
                final String raterId = rater.config().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
                progress.phase("state footprint");
                state = StateFootprint.measure(dir.resolve("streams").resolve(raterId), dir);
                groups = GroupsPhase.run(bootstrap, admin, rater, options.groupEvents(), progress);
                http = HttpPhase.run(bootstrap, admin, dir, raterId, options.customers(), options, progress);
            }
        }
        return new Summary(options, eventBytes, rounds, state, groups, http, Machine.current(),
            Duration.ofNanos(System.nanoTime() - started));
    }

    /** One throughput round; the rater stays up after its drain for the latency probe, caught up by then. */
    private static Round round(final BenchOptions options, final String bootstrap, final Path dir,
                               final Admin admin, final Rater rater, final Progress progress)
        throws InterruptedException, ExecutionException {
        final Drain.Result passthrough = Drain.run("passthrough", Baselines.passthrough(), baselineConfig(bootstrap,
            dir), admin, Baselines.PASSTHROUGH_OUT, options.events(), progress);
        final Drain.Result naive = Drain.run("naive aggregate", Baselines.naiveAggregate(), baselineConfig(bootstrap,
            dir), admin, Baselines.AGGREGATE_OUT, options.events(), progress);
        try (KafkaStreams streams = new KafkaStreams(rater.topology(), rater.config())) {
            final Drain.Result rated = Drain.drain("tollgate rater", streams, rater.config(), admin,
                Topics.RATED_USAGE.name(), options.events(), progress);
            final LatencyProbe.Result latency = new LatencyProbe(bootstrap, options.customers())
                .measure(rated.perSecond() / 2, options.latencyPhase(), progress);
            Drain.closeLeavingGroup(streams, rater.config(), admin);
            return new Round(passthrough, naive, rated, latency);
        }
    }

    private static void createTopics(final Admin admin) {
        final List<NewTopic> topics = new ArrayList<>(Topics.newTopics(PARTITIONS, Optional.of((short) 1)));
        topics.add(new NewTopic(Baselines.PASSTHROUGH_OUT, PARTITIONS, (short) 1));
        topics.add(new NewTopic(Baselines.AGGREGATE_OUT, PARTITIONS, (short) 1));
        TopicProvisioner.ensureTopics(admin, topics, Duration.ofSeconds(60));
    }

    private static Properties baselineConfig(final String bootstrap, final Path dir) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        return config;
    }
}
