package dev.tollgate.bench;

import dev.tollgate.broker.EmbeddedKafkaBroker;
import dev.tollgate.broker.TopicProvisioner;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.runtime.RaterStreams;
import dev.tollgate.rater.topology.RatingTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * {@code java -jar bench/target/tollgate-bench.jar [events] [customers] [rounds]}: starts an embedded
 * broker, writes the catalog and the events once, then drains the same input with the passthrough
 * baseline, the naive aggregate baseline and Tollgate's rater, each exactly-once, and prints each
 * one's events/s and its ratio to the passthrough measured in the same run.
 */
public final class RaterBenchmark {

    private static final int PARTITIONS = 4;

    private RaterBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int customers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        final Path dir = Files.createTempDirectory("tollgate-bench");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0)) {
            broker.start();
            final String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                final List<NewTopic> topics = new ArrayList<>(Topics.newTopics(PARTITIONS, Optional.of((short) 1)));
                topics.add(new NewTopic(Baselines.PASSTHROUGH_OUT, PARTITIONS, (short) 1));
                topics.add(new NewTopic(Baselines.AGGREGATE_OUT, PARTITIONS, (short) 1));
                TopicProvisioner.ensureTopics(admin, topics, Duration.ofSeconds(60));

                final Workload workload = new Workload(events, customers, bootstrap);
                workload.writeCatalog();
                final long started = System.nanoTime();
                final long bytes = workload.writeEvents();
                System.out.printf("wrote %,d events (%d bytes each on average) for %,d customers in %.1f s%n",
                    events, bytes / events, customers, (System.nanoTime() - started) / 1e9);

                final List<Drain.Result> results = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    results.add(Drain.run("passthrough", Baselines.passthrough(), config(bootstrap, dir), admin,
                        Baselines.PASSTHROUGH_OUT, events));
                    results.add(Drain.run("naive aggregate", Baselines.naiveAggregate(), config(bootstrap, dir),
                        admin, Baselines.AGGREGATE_OUT, events));
                    final Properties raterConfig = RaterStreams.streamsConfig(bootstrap, dir,
                        "bench-rater-" + UUID.randomUUID(), 1, "localhost:0");
                    final Topology rater = RatingTopology.build(RaterSettings.defaults(PARTITIONS),
                        new RatingCounts(), raterConfig);
                    results.add(Drain.run("tollgate rater", rater, raterConfig, admin, Topics.RATED_USAGE.name(),
                        events));
                }
                report(results);
            }
        } finally {
            // Each run leaves about half a gigabyte of logs and state behind otherwise.
            Utils.delete(dir.toFile());
        }
    }

    private static Properties config(final String bootstrap, final Path dir) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        return config;
    }

    private static void report(final List<Drain.Result> results) {
        System.out.printf("%-16s %12s %10s %12s %9s %14s %14s%n", "application", "records", "seconds",
            "events/s", "ratio", "cpu us/event", "thread us/ev");
        double passthrough = 0;
        for (final Drain.Result result : results) {
            if (result.name().equals("passthrough")) {
                passthrough = result.perSecond();
            }
            System.out.printf("%-16s %,12d %10.2f %,12.0f %9.2f %14.1f %14.1f   rss %,d MiB%n", result.name(),
                result.records(), result.elapsed().toNanos() / 1e9, result.perSecond(),
                result.perSecond() / passthrough, result.cpuMicrosPerRecord(), result.streamThreadMicrosPerRecord(),
                result.rssKb() / 1024);
        }
    }
}
