package dev.tollgate.local.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.cluster.KafkaCluster;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tollgate as separate processes (the plan API with ingest, and two rater instances) against Kafka
 * brokers in processes of their own, while brokers and raters are killed with SIGKILL. A producer
 * that resends what was not acknowledged, with the same ids, loses nothing: every accepted event is
 * rated exactly once, on the topic, in each customer's usage and in each final statement.
 */
class ClusterFailuresIT {

    private static final String ADMIN = "cluster-admin-key";
    private static final String INGEST = "cluster-ingest-key";
    private static final int CUSTOMERS = 12;
    private static final int BATCH = 100;

    @TempDir
    Path temp;

    private final List<AutoCloseable> running = new ArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopEverything() throws Exception {
        background.shutdownNow();
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    /**
     * Three brokers, replication 3, min ISR 2: the broker that leads the most partitions of
     * tollgate.usage-events is killed a third of the way in and started again two thirds of the way.
     */
    @Test
    void shouldRateEveryAcceptedEventOnceWhenTheLeadingBrokerIsKilledAndRestarted() throws Exception {
        final KafkaCluster cluster = cluster(3);
        final Pipeline pipeline = pipeline(cluster, 1);
        final int batches = 60;
        final EventSender sender = new EventSender(pipeline.api().http(), INGEST, "k", CUSTOMERS, BATCH);
        final Future<?> sending = sendInBackground(sender, batches);

        awaitAcknowledged(sender, batches / 3, sending);
        final int victim = cluster.leaderOfMostPartitions(Topics.USAGE_EVENTS.name());
        cluster.kill(victim);
        final int sentBeforeKill = sender.acknowledgedBatches();
        awaitAcknowledged(sender, 2 * batches / 3, sending);
        final int unavailableWhileDown = sender.unavailableAnswers();
        cluster.restart(victim);
        sending.get(5, TimeUnit.MINUTES);

        pipeline.assertEveryEventRatedOnce(cluster, sender, batches);
        assertEquals(List.of(), sender.unexpectedAnswers());
        assertEquals(unavailableWhileDown, sender.unavailableAnswers(),
            "with the broker back and in sync, no write should be refused");
        System.out.printf("broker loss: %d events, broker %d of 3 killed after %d batches and restarted after %d;"
                + " 503 answers %d, unanswered requests %d; lost 0, doubled 0%n", batches * BATCH, victim,
            sentBeforeKill, 2 * batches / 3, sender.unavailableAnswers(), sender.unreachableRequests());
    }

    /**
     * The single broker killed and started again mid-stream: ingest answers 503 with Retry-After
     * while it is down, and the producer's retries lose nothing.
     */
    @Test
    void shouldRateEveryAcceptedEventOnceWhenTheOnlyBrokerIsKilledAndRestarted() throws Exception {
        final KafkaCluster cluster = cluster(1);
        final Pipeline pipeline = pipeline(cluster, 1);
        final int batches = 40;
        final EventSender sender = new EventSender(pipeline.api().http(), INGEST, "s", CUSTOMERS, BATCH);
        final Future<?> sending = sendInBackground(sender, batches);

        awaitAcknowledged(sender, batches / 3, sending);
        cluster.kill(1);
        await().atMost(60, TimeUnit.SECONDS).until(() -> sender.unavailableAnswers() + sender.unreachableRequests() > 0);
        Thread.sleep(5_000);
        cluster.restart(1);
        sending.get(5, TimeUnit.MINUTES);

        pipeline.assertEveryEventRatedOnce(cluster, sender, batches);
        assertEquals(List.of(), sender.unexpectedAnswers());
        assertTrue(sender.unavailableAnswers() > 0, "ingest said 503 while the broker was down");
        System.out.printf("single broker restart: %d events, 503 answers %d, unanswered requests %d;"
            + " lost 0, doubled 0%n", batches * BATCH, sender.unavailableAnswers(), sender.unreachableRequests());
    }

    /**
     * Two raters, each killed with SIGKILL in turn and started again while events stream in; then,
     * with every event rated, one is killed for good, and its customers' usage and entitlement answers
     * come back from the survivor within seconds (a 10 s session timeout and a standby copy of the
     * stores, rather than the consumer's 45 s), every answer meanwhile the right one or a 503 with
     * Retry-After. The suite runs a quick form; {@code -Dtollgate.crash-run=long} runs 200,000 events
     * with 6 kills.
     */
    @Test
    void shouldRateEveryEventOnceAcrossRepeatedKillsAndFailOverToTheSurvivorInSeconds() throws Exception {
        final boolean longForm = "long".equals(System.getProperty("tollgate.crash-run"));
        final int batches = longForm ? 2_000 : 200;
        final int kills = longForm ? 6 : 3;
        final KafkaCluster cluster = cluster(1);
        final Pipeline pipeline = pipeline(cluster, 2);
        final EventSender sender = new EventSender(pipeline.api().http(), INGEST, "r", CUSTOMERS, BATCH);
        final Future<?> sending = sendInBackground(sender, batches);

        for (int kill = 0; kill < kills; kill++) {
            awaitAcknowledged(sender, (kill + 1) * batches / (kills + 1), sending);
            final TollgateProcess victim = pipeline.raters().get(kill % 2);
            victim.kill();
            victim.restart();
        }
        sending.get(30, TimeUnit.MINUTES);
        final TestHttp survivor = pipeline.raters().get(1).http();
        pipeline.ledger().assertRatedOnceOnTheTopic(cluster.bootstrapServers(), batches * BATCH, Duration.ofMinutes(5));
        pipeline.ledger().assertUsage(survivor, sender, batches, Duration.ofMinutes(1));
        System.out.printf("rater crash run: %d events, %d kills -9 of 2 raters, %d restarts; lost 0, doubled 0%n",
            batches * BATCH, kills, kills);


        pipeline.raters().get(0).kill();
        final long killed = System.nanoTime();
        final List<String> wrong = new ArrayList<>();
        int unavailable = 0;
        boolean allCorrect = false;
        while (!allCorrect && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(120)) {
            allCorrect = true;
            for (int c = 0; c < CUSTOMERS; c++) {
                final int events = sender.eventsOf(c, batches);
                for (final TestHttp.Answer answer : List.of(
                    survivor.get("/v1/customers/c" + c + "/usage", ADMIN),
                    survivor.get("/v1/customers/c" + c + "/entitlements/calls", INGEST))) {
                    if (answer.status() == 503 && answer.header("Retry-After").isPresent()) {
                        unavailable++;
                        allCorrect = false;
                    } else if (answer.status() != 200 || !rightAnswer(answer, events)) {
                        wrong.add("c" + c + ": " + answer.status() + " " + answer.body());
                        allCorrect = false;
                    }
                }
            }
            Thread.sleep(allCorrect ? 0 : 200);
        }
        final double seconds = (System.nanoTime() - killed) / 1e9;
        assertEquals(List.of(), wrong, "answers other than the right one or a 503 with Retry-After");
        assertTrue(allCorrect, "the survivor answered for every customer within 120 s");
        // The consumer's default session timeout alone is 45 s: failing over faster is what the settings are for.
        assertTrue(seconds < 45, "the survivor took " + seconds + " s to answer for every customer");
        System.out.printf("rater failover: every customer answered correctly by the survivor %.1f s after the kill;"
            + " %d answers were 503 with Retry-After meanwhile, none wrong%n", seconds, unavailable);
        pipeline.ledger().assertFinalStatements(pipeline.api().http(), survivor, sender, batches, Duration.ofMinutes(2));
    }

    private static boolean rightAnswer(final TestHttp.Answer answer, final int events) {
        final BigDecimal expected = answer.json().has("total_amount")
            ? Ledger.PRICE.multiply(BigDecimal.valueOf(events)) : BigDecimal.valueOf(events);
        final String field = answer.json().has("total_amount") ? "total_amount" : "usage";
        return expected.compareTo(new BigDecimal(answer.json().get(field).asText())) == 0;
    }

    private KafkaCluster cluster(final int size) {
        final KafkaCluster cluster = KafkaCluster.start(temp.resolve("kafka"), size);
        running.add(cluster);
        return cluster;
    }

    /** The plan API with ingest in one process and {@code raters} rater processes, started side by side. */
    private Pipeline pipeline(final KafkaCluster cluster, final int raters) throws Exception {
        final Map<String, String> env = new HashMap<>(Map.of(
            "TOLLGATE_KAFKA_BOOTSTRAP", cluster.bootstrapServers(),
            "TOLLGATE_ADMIN_KEY", ADMIN,
            "TOLLGATE_INGEST_KEY", INGEST,
            // Statements close two seconds after a subscription ends rather than an hour.
            "TOLLGATE_LATE_GRACE", "PT2S"));
        final TollgateProcess api = start("api", env, "plan-api,ingest");
        final List<CompletableFuture<TollgateProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= raters; i++) {
            final String name = "rater-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> start(name, env, "rater"), background));
        }
        final List<TollgateProcess> started = new ArrayList<>();
        for (final CompletableFuture<TollgateProcess> rater : starting) {
            started.add(rater.get(4, TimeUnit.MINUTES));
        }
        final Ledger ledger = new Ledger(ADMIN, CUSTOMERS);
        ledger.createCatalog(api.http());
        return new Pipeline(api, started, ledger);
    }

    private TollgateProcess start(final String name, final Map<String, String> env, final String components) {
        final Map<String, String> own = new HashMap<>(env);
        own.put("TOLLGATE_COMPONENTS", components);
        final TollgateProcess process = TollgateProcess.start(name, temp, own);
        synchronized (running) {
            running.add(process);
        }
        return process;
    }

    private record Pipeline(TollgateProcess api, List<TollgateProcess> raters, Ledger ledger) {

        void assertEveryEventRatedOnce(final KafkaCluster cluster, final EventSender sender, final int batches) {
            final TestHttp rater = raters.get(0).http();
            ledger.assertRatedOnceOnTheTopic(cluster.bootstrapServers(), batches * BATCH, Duration.ofMinutes(3));
            ledger.assertUsage(rater, sender, batches, Duration.ofMinutes(1));
            ledger.assertFinalStatements(api.http(), rater, sender, batches, Duration.ofMinutes(2));
        }
    }

    private Future<?> sendInBackground(final EventSender sender, final int batches) {
        return background.submit(() -> {
            for (int batch = 0; batch < batches; batch++) {
                sender.send(batch);
            }
            return null;
        });
    }

    private static void awaitAcknowledged(final EventSender sender, final int batches, final Future<?> sending) {
        await().atMost(5, TimeUnit.MINUTES).pollInterval(100, TimeUnit.MILLISECONDS)
            .until(() -> sender.acknowledgedBatches() >= batches || sending.isDone());
    }
}
