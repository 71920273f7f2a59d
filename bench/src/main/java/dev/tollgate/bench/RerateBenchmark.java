package dev.tollgate.bench;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.topology.RatingTopology;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code java -cp bench/target/tollgate-bench.jar dev.tollgate.bench.RerateBenchmark [events]}: re-rating one
 * closed period of {@code events} accepted events (100,000 by default) in the rater's own topology, on its
 * RocksDB stores, in a {@code TopologyTestDriver} (no broker: what is timed is the processors' work). The
 * period is closed as the rater closes it; its accepted events are then read from their records' bytes and
 * written to the {@code accepted-events} store as {@code keep-accepted-events} writes them, straight into
 * the store (a driver commits, flushing every store, after each record it is given: that would time the
 * driver). Timed: keeping them (the per-event cost the accepted events add), then the re-rate under a
 * second plan version, from its request to its adjustment. Runs alone in well under a minute.
 */
public final class RerateBenchmark {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CLOSED = Instant.parse("2026-04-01T01:00:02Z");
    private static final String CUSTOMER = "bench";
    private static final String SUBSCRIPTION = "sub_bench";

    private RerateBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final Path stateDir = Files.createTempDirectory(Path.of(System.getProperty("tollgate.bench.state-dir",
            System.getProperty("java.io.tmpdir"))), "tollgate-rerate-bench");
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "tollgate-rerate-bench");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(RatingTopology.build(RaterSettings.defaults(4),
            new RatingCounts(), config), config, MARCH.minusSeconds(60))) {
            input(driver, Topics.METERS).pipeInput("voice", new Meter("voice", "Voice seconds", "call", "sum",
                "seconds", Map.of()));
            input(driver, Topics.PLANS).pipeInput("bench", new Plan("bench", Plan.PlanStatus.ACTIVE, List.of(
                version(1, Instant.EPOCH, "0.002"), version(2, Instant.parse("2030-01-01T00:00:00Z"), "0.003"))));
            input(driver, Topics.SUBSCRIPTIONS).pipeInput(CUSTOMER, new CustomerSubscriptions(CUSTOMER, List.of(
                new Subscription(SUBSCRIPTION, CUSTOMER, "bench", null, MARCH, null, "calendar"))),
                MARCH.minusSeconds(60));
            driver.advanceWallClockTime(Duration.between(MARCH.minusSeconds(60), CLOSED));
            final TestOutputTopic<String, PeriodStatement> statements = driver.createOutputTopic(
                Topics.PERIOD_STATEMENTS.name(), Topics.PERIOD_STATEMENTS.keySerde().deserializer(),
                Topics.PERIOD_STATEMENTS.valueSerde().deserializer());
            final PeriodStatement statement = statements.readValue();

            final WindowStore<String, AcceptedEvent> kept = driver.getWindowStore(StateStores.ACCEPTED_EVENTS.name());
            final Serializer<AcceptedEvent> writer = Topics.ACCEPTED_EVENTS.valueSerde().serializer();
            final Deserializer<AcceptedEvent> reader = Topics.ACCEPTED_EVENTS.valueSerde().deserializer();
            long bytes = 0;
            long keepNanos = 0;
            for (int i = 0; i < events; i++) {
                final byte[] record = writer.serialize(Topics.ACCEPTED_EVENTS.name(), new AcceptedEvent(
                    new UsageEvent("e" + i, "call", CUSTOMER, MARCH.plusSeconds(20L * i % (30L * 86_400)),
                        Map.of("seconds", 1 + i % 100)), SUBSCRIPTION, MARCH, 1, i % 50 == 0));
                bytes += record.length;
                final long start = System.nanoTime();
                final AcceptedEvent event = reader.deserialize(Topics.ACCEPTED_EVENTS.name(), record);
                kept.put(StateKeys.acceptedEvent(event.subscriptionId(), event.event().id()), event,
                    event.periodStart().toEpochMilli());
                keepNanos += System.nanoTime() - start;
            }

            final long rerateStart = System.nanoTime();
            input(driver, Topics.RERATE_REQUESTS).pipeInput(CUSTOMER, new RerateRequest("bench", SUBSCRIPTION,
                statement.period().start(), 2, CLOSED.plusSeconds(60)), CLOSED.plusSeconds(60));
            final PeriodStatement adjustment = statements.readValue();
            final double rerateSeconds = (System.nanoTime() - rerateStart) / 1e9;

            System.out.printf(Locale.ROOT, "kept %,d accepted events in %.2f s (%.1f µs each to read and store,"
                + " %d bytes a record on tollgate.accepted-events)%n", events, keepNanos / 1e9,
                keepNanos / 1e3 / events, bytes / events);
            System.out.printf(Locale.ROOT, "re-rated %,d events of one period in %.2f s (%,.0f events/s): %s, total"
                + " %s %s (%s)%n", events, rerateSeconds, events / rerateSeconds, adjustment.kind(),
                adjustment.total().toPlainString(), adjustment.currency(), adjustment.reason());
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    private static PlanVersion version(final int number, final Instant from, final String perSecond) {
        return new PlanVersion(number, from, "Bench", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(
            new Charge("voice", "voice", "standard", Map.of("amount", perSecond), Map.of(), null, List.of())));
    }

    private static <V> TestInputTopic<String, V> input(final TopologyTestDriver driver, final Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
