package dev.tollgate.local.hostile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The packaged jar under hostile input: thousands of generated requests on every route and hundreds
 * of hostile records written straight to every input topic. Afterwards a valid event is rated, a
 * catalog write succeeds and {@code /health} is UP; no request was answered 5xx, every 4xx was a
 * problem document, and every usage record became a rated event or a rejection.
 *
 * <p>The inputs come from one seed, printed at the start; {@code -Dtollgate.hostile.seed=<n>} runs
 * the same inputs again. The figures of the run are printed at the end and written to
 * {@code target/hostile-run.md}.
 */
class HostileInputIT {

    private static final Path JAR = Path.of("target", "tollgate-local.jar");
    private static final long SEED = Long.getLong("tollgate.hostile.seed", 20261202L);
    private static final String ADMIN = "hostile-admin-key";
    private static final String INGEST = "hostile-ingest-key";
    private static final int PARTITIONS = 4;
    private static final int RECORDS_PER_TOPIC = 560;
    private static final List<String> CATALOG_TOPICS = List.of(Topics.PLANS.name(), Topics.METERS.name(),
        Topics.SUBSCRIPTIONS.name(), Topics.COUPONS.name(), Topics.ADDONS.name(), Topics.REFUND_REQUESTS.name());

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    private Process process;
    private TestHttp http;
    private String base;
    private String bootstrap;

    /** Every answer that breaks the rules, with the request that got it. */
    private final Queue failures = new Queue();
    private final Map<String, Map<Integer, Integer>> statusesByRoute = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> recordsByTopic = new TreeMap<>();
    private final AtomicLong acceptedEvents = new AtomicLong();
    /** Per topic, the records written that are not JSON at all: every reader must skip and count them. */
    private final Map<String, Integer> unparseable = new TreeMap<>();

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldSurviveHostileRequestsAndRecordsOnEveryPath() throws Exception {
        System.out.println("hostile input: seed " + SEED + " (-Dtollgate.hostile.seed=" + SEED + " repeats this run)");
        final long started = System.nanoTime();
        start();
        final HttpProbes.Fixture fixture = ProbeFixture.create(http, ADMIN, INGEST);
        final Hostile hostile = new Hostile(SEED);
        final HttpProbes probes = new HttpProbes(hostile, fixture, ADMIN, INGEST);
        assertEquals(documentedRoutes(), new TreeSet<>(probes.routeNames()), "every documented route is probed");

        final Figures figures = new Figures();
        try (OutputTap tap = new OutputTap(bootstrap)) {
            try {
                run(fixture, hostile, probes, tap, figures);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + health() + "\n" + failures.report(), e);
            } finally {
                figures.took = Duration.ofNanos(System.nanoTime() - started);
                figures.allRejections = tap.allRejectionsByReason();
                final String text = figures(figures);
                System.out.println(text);
                Files.writeString(Path.of("target", "hostile-run.md"), text + "\n" + failures.report());
            }
        }
        assertTrue(failures.isEmpty(), failures.report());
    }

    /** What the run counted, for the figures. */
    private static final class Figures {
        long requests;
        long usageWritten;
        int topicRated;
        Map<String, Integer> httpRejections = Map.of();
        Map<String, Integer> topicRejections = Map.of();
        Map<String, Integer> allRejections = Map.of();
        Map<String, Double> metrics = Map.of();
        Duration took = Duration.ZERO;
    }

    private void run(final HttpProbes.Fixture fixture, final Hostile hostile, final HttpProbes probes,
                     final OutputTap tap, final Figures figures) {
        tap.mark();
        final List<HttpProbes.Probe> first = probes.generate(330, 45);
        figures.requests += first.size();
        send(first);
        tap.awaitOutcomes(acceptedEvents.getAndSet(0), "events accepted over HTTP");
        figures.httpRejections = tap.rejectionsByReason();

        tap.mark();
        final TopicProbes records = new TopicProbes(hostile, PARTITIONS);
        final List<TopicProbes.Sample> usage = TopicProbes.usageSamples(fixture.customer(), "hx_call", Map.of());
        final Map<String, List<TopicProbes.Sample>> samples = new LinkedHashMap<>();
        for (final String topic : CATALOG_TOPICS) {
            samples.put(topic, read(topic));
        }
        figures.usageWritten = write(records.generate(Topics.USAGE_EVENTS.name(), usage, anyOther(samples, ""),
            RECORDS_PER_TOPIC));
        tap.awaitOutcomes(figures.usageWritten, "usage records written straight to the topic");
        figures.topicRejections = tap.rejectionsByReason();
        figures.topicRated = tap.ratedEvents();

        for (final String topic : CATALOG_TOPICS) {
            write(records.generate(topic, samples.get(topic), anyOther(samples, topic), RECORDS_PER_TOPIC));
        }

        awaitSkippedCounted();

        tap.mark();
        final List<HttpProbes.Probe> second = new HttpProbes(new Hostile(SEED + 1), fixture, ADMIN, INGEST)
            .generate(60, 12);
        figures.requests += second.size();
        send(second);
        tap.awaitOutcomes(acceptedEvents.getAndSet(0), "events accepted over HTTP after the hostile records");

        figures.metrics = awaitStillWorking();
        assertTrue(tap.unreadable().isEmpty(), "output records that are not JSON: " + tap.unreadable());
        assertEquals(figures.metrics.get("tollgate_events_read_total"), figures.metrics.get("tollgate_events_rated_total")
            + sum(figures.metrics, "tollgate_events_rejected_total{") + figures.metrics.get("tollgate_events_pending"),
            "read = rated + rejected + pending");
        assertTrue(process.isAlive(), "the process is still running");
    }

    private String health() {
        try {
            return "health at the end: " + http.get("/health", null).body();
        } catch (RuntimeException e) {
            return "health at the end: no answer (" + e + "), process alive: " + process.isAlive();
        }
    }

    /**
     * After everything: a new catalog entry can be written, events of customers on every partition
     * are rated, a refund is decided, /health is UP. Returns the scrape of /prometheus.
     */
    private Map<String, Double> awaitStillWorking() {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            final TestHttp.Answer health = http.get("/health", null);
            assertEquals(200, health.status(), health.body());
            assertEquals("UP", health.json().get("status").asText());
        });
        created("/v1/meters", "{\"code\":\"hx_after\",\"event_type\":\"hx_after_call\",\"aggregation\":\"count\"}");
        created("/v1/plans", "{\"code\":\"hx_after_plan\",\"name\":\"After\",\"interval\":\"monthly\",\"currency\":\"USD\","
            + "\"charges\":[{\"meter\":\"hx_after\",\"model\":\"standard\",\"properties\":{\"amount\":\"1.25\"}}]}");
        final List<String> customers = customersOnEveryPartition();
        for (final String customer : customers) {
            created("/v1/subscriptions", "{\"id\":\"sub_" + customer + "\",\"customer_id\":\"" + customer + "\","
                + "\"plan\":\"hx_after_plan\"}");
            assertEquals(202, http.post("/v1/events", INGEST, "{\"id\":\"after_1\",\"type\":\"hx_after_call\","
                + "\"customer_id\":\"" + customer + "\"}").status());
        }
        for (final String customer : customers) {
            awaitRated(customer, "after_1");
            final JsonNode usage = http.get("/v1/customers/" + customer + "/usage", ADMIN).json();
            assertEquals("1.25", usage.get("total_amount").asText(), usage.toString());
        }
        final JsonNode statements = await().atMost(60, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS)
            .until(() -> http.get("/v1/subscriptions/hx_stmt_after/statements", ADMIN),
                answer -> answer.status() == 200 && answer.json().size() > 0).json();
        final TestHttp.Answer refund = http.post("/v1/subscriptions/hx_stmt_after/refunds", ADMIN,
            "{\"id\":\"hx_after\",\"statement_id\":\"" + statements.get(0).get("id").asText()
                + "\",\"amount\":\"0.01\"}");
        assertEquals(201, refund.status(), refund.body());
        return prometheus(http.get("/prometheus", null).body());
    }

    private List<String> customersOnEveryPartition() {
        final Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < PARTITIONS; i++) {
            final String customer = "hx_after_c" + i;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(new StringSerializer().serialize(null, customer)))
                % PARTITIONS, customer);
        }
        return new ArrayList<>(byPartition.values());
    }

    private void awaitRated(final String customer, final String event) {
        ProbeFixture.awaitRated(http, ADMIN, customer, event);
    }

    private void created(final String path, final String body) {
        ProbeFixture.created(http, ADMIN, path, body);
    }

    // ---- HTTP

    private void send(final List<HttpProbes.Probe> probes) {
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        for (final HttpProbes.Probe probe : probes) {
            pool.execute(() -> sendOne(probe));
        }
        pool.shutdown();
        try {
            assertTrue(pool.awaitTermination(10, TimeUnit.MINUTES), "the probes finished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void sendOne(final HttpProbes.Probe probe) {
        final HttpRequest request;
        try {
            request = probe.request(base);
        } catch (IllegalArgumentException notSendable) {
            throw new IllegalStateException("the generator made a request the client cannot send: " + probe.describe(),
                notSendable);
        }
        final HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failures.add(probe.route(), "no answer (" + e + ")", probe.describe(), "");
            count(probe.route(), -1);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        final int status = response.statusCode();
        count(probe.route(), status);
        final String contentType = response.headers().firstValue("Content-Type").orElse("(none)");
        if (status >= 500) {
            failures.add(probe.route(), Integer.toString(status), probe.describe(), response.body());
        } else if (status >= 400 && !isProblem(status, contentType, response.body())) {
            failures.add(probe.route(), status + " not a problem document (" + contentType + ")", probe.describe(),
                response.body());
        } else if (status == 202 && probe.route().startsWith("POST /v1/events")) {
            try {
                acceptedEvents.addAndGet(Json.mapper().readTree(response.body()).get("accepted").size());
            } catch (IOException | RuntimeException e) {
                failures.add(probe.route(), "202 without the accepted ids", probe.describe(), response.body());
            }
        }
    }

    private static boolean isProblem(final int status, final String contentType, final String body) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return false;
        }
        try {
            final JsonNode problem = Json.mapper().readTree(body);
            return problem != null && problem.path("status").asInt() == status;
        } catch (IOException e) {
            return false;
        }
    }

    private void count(final String route, final int status) {
        statusesByRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>()).merge(status, 1, Integer::sum);
    }

    @SuppressWarnings("unchecked")
    private Set<String> documentedRoutes() {
        final Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(http.get("/openapi.yml", null).body());
        final Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
            .filter(key -> Set.of("get", "put", "post", "delete", "patch").contains(key))
            .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return documented;
    }

    // ---- Kafka

    /** Every current record of a topic with a value: the valid samples the mutations start from. */
    private List<TopicProbes.Sample> read(final String topic) {
        final List<TopicProbes.Sample> samples = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(bootstrap,
            "hostile-samples"))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.key() != null) {
                        samples.add(new TopicProbes.Sample(record.key(), record.value()));
                    }
                }
            }
        }
        assertTrue(!samples.isEmpty(), "the fixture wrote a valid record to " + topic);
        return samples;
    }

    private static boolean isJson(final byte[] value) {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Every reader of the catalog and request topics got past the hostile records and counted at
     * least the ones that are not JSON on /prometheus: the rater all six topics, the plan API the five
     * catalog topics it keeps a view of.
     */
    private void awaitSkippedCounted() {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            final Map<String, Double> metrics = prometheus(http.get("/prometheus", null).body());
            for (final String topic : CATALOG_TOPICS) {
                final List<String> components = topic.equals(Topics.REFUND_REQUESTS.name()) ? List.of("rater")
                    : List.of("rater", "plan-api");
                for (final String component : components) {
                    final double skipped = metrics.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("tollgate_records_skipped_total{")
                            && e.getKey().contains("component=\"" + component + "\"")
                            && e.getKey().contains("topic=\"" + topic + "\""))
                        .mapToDouble(Map.Entry::getValue).sum();
                    assertTrue(skipped >= unparseable.getOrDefault(topic, 0), component + " skipped " + skipped
                        + " records of " + topic + ", at least " + unparseable.get(topic) + " were not JSON");
                }
            }
        });
    }

    private static List<TopicProbes.Sample> anyOther(final Map<String, List<TopicProbes.Sample>> samples,
                                                     final String except) {
        return samples.entrySet().stream().filter(e -> !e.getKey().equals(except))
            .flatMap(e -> e.getValue().stream()).toList();
    }

    /** Writes each record on its own, so that one the broker refuses takes no other with it. */
    private long write(final List<TopicProbes.Written> records) {
        final Map<String, Object> config = ClientConfigs.reliableProducer(bootstrap, "hostile-writer",
            Duration.ofSeconds(15));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        config.put(ProducerConfig.RETRIES_CONFIG, 0);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long written = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (final TopicProbes.Written record : records) {
                final Map<String, Integer> counts = recordsByTopic.computeIfAbsent(record.topic(), t -> new TreeMap<>());
                try {
                    producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(),
                        record.value())).get(30, TimeUnit.SECONDS);
                    counts.merge("written", 1, Integer::sum);
                    written++;
                    if (record.value() != null && record.value().length > 0 && !isJson(record.value())) {
                        unparseable.merge(record.topic(), 1, Integer::sum);
                    }
                } catch (java.util.concurrent.ExecutionException refused) {
                    counts.merge("refused by the broker: " + refused.getCause().getClass().getSimpleName(), 1,
                        Integer::sum);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot write " + record.describe(), e);
                }
            }
        }
        assertTrue(written >= 500, "at least 500 records written to " + records.get(0).topic() + ": " + written);
        return written;
    }

    // ---- the process

    private void start() throws IOException {
        final int httpPort = freePort();
        final int kafkaPort = freePort();
        final Map<String, String> env = new HashMap<>(Map.of(
            "TOLLGATE_HTTP_PORT", Integer.toString(httpPort),
            "TOLLGATE_KAFKA_PORT", Integer.toString(kafkaPort),
            "TOLLGATE_DATA_DIR", temp.resolve("data").toString(),
            "TOLLGATE_ADMIN_KEY", ADMIN,
            "TOLLGATE_INGEST_KEY", INGEST,
            "TOLLGATE_PARTITIONS", Integer.toString(PARTITIONS)));
        final Path log = Path.of("target", "hostile-run.log");
        final String java = ProcessHandle.current().info().command().orElse("java");
        final ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString())
            .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TOLLGATE_"));
        builder.environment().putAll(env);
        process = builder.start();
        base = "http://127.0.0.1:" + httpPort;
        bootstrap = "127.0.0.1:" + kafkaPort;
        http = new TestHttp(base);
        await().atMost(120, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS).until(() -> {
            assertTrue(process.isAlive(), () -> "exited early, see " + log.toAbsolutePath());
            try {
                return http.get("/health", null).status() == 200;
            } catch (RuntimeException notListeningYet) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- figures

    private String figures(final Figures f) {
        final StringBuilder text = new StringBuilder();
        text.append("## Hostile-input run\n\n");
        text.append(String.format("Seed %d, %s, %d cores, Java %s, %s %s.%n%n", SEED, f.took.toSeconds() + " s",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            System.getProperty("os.name"), System.getProperty("os.arch")));
        text.append(String.format("%d requests, %d answered 5xx, %d breaking the rules in all.%n%n", f.requests,
            failures.countFiveHundreds(), failures.size()));
        text.append("| route | requests | answers |\n| --- | ---: | --- |\n");
        new TreeMap<>(statusesByRoute).forEach((route, statuses) -> text.append("| `").append(route).append("` | ")
            .append(statuses.values().stream().mapToInt(Integer::intValue).sum()).append(" | ")
            .append(new TreeMap<>(statuses).entrySet().stream().map(e -> (e.getKey() < 0 ? "no answer" : e.getKey())
                + " x" + e.getValue()).collect(Collectors.joining(", "))).append(" |\n"));
        text.append("\n| topic | records |\n| --- | --- |\n");
        recordsByTopic.forEach((topic, counts) -> text.append("| `").append(topic).append("` | ")
            .append(counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append(" |\n"));
        text.append(String.format("%nRecords that are not JSON, by topic: %s.%n", unparseable));
        text.append(String.format("%nUsage records written straight to the topic: %d; rated %d, rejected %s.%n",
            f.usageWritten, f.topicRated, f.topicRejections));
        text.append(String.format("Events accepted over HTTP (first round) rejected: %s.%n", f.httpRejections));
        text.append(String.format("Rejections by reason over the run: %s.%n", f.allRejections));
        text.append("\nCounters on /prometheus at the end:\n\n```\n");
        f.metrics.forEach((name, value) -> text.append(name).append(' ').append(String.format("%.0f", value)).append('\n'));
        text.append("```\n");
        return text.toString();
    }

    private static Map<String, Double> prometheus(final String text) {
        final Map<String, Double> values = new TreeMap<>();
        for (final String line : text.split("\n")) {
            if (line.startsWith("tollgate_")) {
                final int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    private static double sum(final Map<String, Double> metrics, final String prefix) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
            .mapToDouble(Map.Entry::getValue).sum();
    }

    /** The answers that break the rules, grouped by route and what went wrong, with examples. */
    private static final class Queue {

        private record Failure(String route, String what, String request, String answer) {
        }

        private final ConcurrentLinkedQueue<Failure> all = new ConcurrentLinkedQueue<>();

        void add(final String route, final String what, final String request, final String answer) {
            all.add(new Failure(route, what, request, Hostile.preview(answer == null ? "" : answer, 400)));
        }

        boolean isEmpty() {
            return all.isEmpty();
        }

        int size() {
            return all.size();
        }

        long countFiveHundreds() {
            return all.stream().filter(f -> f.what().startsWith("5")).count();
        }

        String report() {
            final Map<String, List<Failure>> grouped = all.stream().collect(Collectors.groupingBy(
                f -> f.route() + " -> " + f.what(), TreeMap::new, Collectors.toList()));
            final StringBuilder text = new StringBuilder(all.size() + " requests broke the rules (seed " + SEED + "):\n");
            grouped.forEach((group, failures) -> {
                text.append("  ").append(group).append(": ").append(failures.size()).append('\n');
                failures.stream().limit(3).forEach(f -> text.append("    ").append(f.request()).append("\n      => ")
                    .append(f.answer()).append('\n'));
            });
            return text.toString();
        }
    }
}
