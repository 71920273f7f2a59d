package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import dev.tollgate.rater.runtime.RaterStreams;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What an operator's Prometheus scrapes from a running pipeline (embedded broker, every component)
 * after it took catalog writes, events, usage queries and a refund: each Kafka client's meters under
 * its client id, consumer lag per partition, the stream threads, and HTTP requests by route template.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorMetricsEndToEndTest {

    /** Micrometer looks for new Kafka metrics once a minute. */
    private static final long KAFKA_METER_REFRESH_SECONDS = 150;

    private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:tollgate|kafka|http)_[a-z0-9_]*[a-z0-9]");

    /** The first cell of a row of the operations page's metric tables. */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9_]+)`", Pattern.MULTILINE);

    private Tollgate tollgate;
    private TestHttp http;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String customer = "metrics_" + suffix;

    @BeforeAll
    void startTollgateAndUseIt() throws IOException {
        final Map<String, String> env = new HashMap<>();
        env.put("TOLLGATE_HTTP_PORT", Integer.toString(PipelineScenarios.freePort()));
        env.put("TOLLGATE_KAFKA_PORT", Integer.toString(PipelineScenarios.freePort()));
        env.put("TOLLGATE_DATA_DIR", Files.createTempDirectory("tollgate-metrics").toString());
        tollgate = Tollgate.start(LaunchSettings.fromEnvironment(env));
        http = new TestHttp(tollgate.baseUrl());
        await().atMost(60, TimeUnit.SECONDS).until(() -> http.get("/health", null).status() == 200);
        final String admin = tollgate.settings().adminKey();
        final String ingest = tollgate.settings().ingestKey();

        final String meter = "calls_" + suffix;
        final String subscription = "sub_" + suffix;
        final Instant started = YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant();
        assertEquals(201, http.post("/v1/meters", admin, "{\"code\":\"" + meter + "\",\"event_type\":\"call_"
            + suffix + "\",\"aggregation\":\"count\"}").status());
        assertEquals(201, http.post("/v1/plans", admin, "{\"code\":\"plan_" + suffix + "\",\"name\":\"Calls\","
            + "\"interval\":\"monthly\",\"currency\":\"USD\",\"amount\":\"10.00\",\"charges\":[{\"meter\":\"" + meter
            + "\",\"model\":\"standard\",\"properties\":{\"amount\":\"0.5\"}}]}").status());
        assertEquals(201, http.post("/v1/subscriptions", admin, "{\"id\":\"" + subscription + "\",\"customer_id\":\""
            + customer + "\",\"plan\":\"plan_" + suffix + "\",\"started_at\":\"" + started + "\"}").status());
        for (int i = 0; i < 3; i++) {
            assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"c" + i + "\",\"type\":\"call_" + suffix
                + "\",\"customer_id\":\"" + customer + "\"}").status());
        }
        // Until the rater has the customer's partition the answer is a 503 problem, with no charges to read.
        await().atMost(60, TimeUnit.SECONDS).ignoreExceptions().until(() -> http.get("/v1/customers/" + customer
            + "/usage", admin).json().get("charges").get(0).get("units").asInt() == 3);
        assertEquals(404, http.get("/v1/customers/nobody_" + suffix + "/usage", admin).status());
        final String statements = "/v1/subscriptions/" + subscription + "/statements";
        await().atMost(60, TimeUnit.SECONDS).until(() -> http.get(statements, admin).status() == 200
            && !http.get(statements, admin).json().isEmpty());
        final String closed = http.get(statements, admin).json().get(0).get("id").asText();
        final TestHttp.Answer refund = http.post("/v1/subscriptions/" + subscription + "/refunds", admin,
            "{\"id\":\"r1\",\"statement_id\":\"" + closed + "\",\"amount\":\"1\"}");
        assertEquals(201, refund.status(), refund.body());
    }

    @AfterAll
    void stopTollgate() {
        if (tollgate != null) {
            tollgate.close();
        }
    }

    @Test
    @Order(1)
    void shouldCountEveryProducersSendsUnderItsClientId() {
        awaitScrape(scrape -> {
            final Map<String, Double> sent = scrape.named("kafka_producer_record_send_total").stream()
                .collect(Collectors.toMap(sample -> sample.label("client_id"), PrometheusScrape.Sample::value,
                    Double::sum));
            for (final String client : List.of("tollgate-ingest", "tollgate-plan-api", "tollgate-refunds")) {
                assertTrue(sent.getOrDefault(client, 0.0) >= 1, client + " in " + sent);
            }
        });
    }

    @Test
    @Order(2)
    void shouldShowConsumerLagPerPartitionForThePlanApiAndTheRater() {
        awaitScrape(scrape -> {
            final List<PrometheusScrape.Sample> lag = scrape.named("kafka_consumer_fetch_manager_records_lag");
            assertTrue(lag.stream().anyMatch(sample -> sample.label("client_id").equals("tollgate-plan-api-catalog")
                && sample.label("topic").equals("tollgate.plans") && sample.label("partition").equals("0")),
                lag.toString());
            assertTrue(lag.stream().anyMatch(sample -> sample.label("client_id").endsWith("-StreamThread-1-consumer")
                && sample.label("topic").equals("tollgate.usage-events") && !sample.label("partition").isEmpty()),
                lag.toString());
        });
    }

    @Test
    @Order(3)
    void shouldShowTheStreamsClientAndItsThreads() {
        awaitScrape(scrape -> {
            assertEquals(Set.of(threadName(1)), threads(scrape), scrape.names().toString());
            assertEquals(1.0, scrape.named("kafka_stream_alive_stream_threads").get(0).value());
            assertEquals(running(), scrape.named("kafka_stream_client_state").get(0).value());
        });
    }

    @Test
    @Order(4)
    void shouldTimeHttpRequestsByRouteTemplateAndStatus() {
        awaitScrape(scrape -> {
            final List<PrometheusScrape.Sample> requests = scrape.named("http_server_requests_seconds_count");
            assertTrue(requests.stream().anyMatch(sample -> sample.label("uri").equals("/v1/customers/{customerId}/usage")
                && sample.label("status").equals("200") && sample.label("method").equals("GET")), requests.toString());
            // Micronaut files every 404 under one uri, whichever route answered it.
            assertTrue(requests.stream().anyMatch(sample -> sample.label("uri").equals("NOT_FOUND")
                && sample.label("status").equals("404") && sample.label("exception").equals("ProblemException")),
                requests.toString());
            assertTrue(requests.stream().anyMatch(sample -> sample.label("uri").equals("/v1/events")
                && sample.label("status").equals("202") && sample.value() >= 3), requests.toString());
            assertFalse(requests.stream().anyMatch(sample -> sample.label("uri").contains(suffix)),
                "no raw path with ids: " + requests);
        });
    }

    @Test
    @Order(5)
    void shouldScrapeEveryMetricTheDashboardAndTheOperationsPageName() throws IOException {
        final JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "docs", "grafana-dashboard.json").toFile());
        final Set<String> charted = new TreeSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets")
            .forEach(target -> charted.addAll(metricNames(target.get("expr").asText()))));
        final Set<String> listed = new TreeSet<>();
        final Matcher row = TABLE_ROW.matcher(Files.readString(Path.of("..", "docs", "operations.md")));
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertTrue(charted.size() >= 15 && listed.containsAll(charted), charted + " vs " + listed);
        awaitScrape(scrape -> {
            final Set<String> missing = new TreeSet<>(listed);
            missing.removeAll(scrape.names());
            assertEquals(Set.of(), missing);
        });
    }

    @Test
    @Order(6)
    void shouldMoveTheThreadMetersToAReplacementThread() {
        final KafkaStreams streams = tollgate.context().getBean(RaterStreams.class).streams();
        assertTrue(streams.addStreamThread().isPresent());
        assertTrue(streams.removeStreamThread().isPresent());
        awaitScrape(scrape -> assertEquals(Set.of(threadName(2)), threads(scrape), scrape.names().toString()));
    }

    private String threadName(final int index) {
        return tollgate.context().getBean(RaterStreams.class).streams().metadataForLocalThreads().stream()
            .findFirst().map(thread -> thread.threadName().replaceAll("-StreamThread-\\d+$", ""))
            .orElseThrow() + "-StreamThread-" + index;
    }

    private static Set<String> metricNames(final String text) {
        final Set<String> names = new TreeSet<>();
        final Matcher name = METRIC_NAME.matcher(text);
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }

    private static Set<String> threads(final PrometheusScrape scrape) {
        return scrape.named("kafka_stream_thread_process_total").stream().map(sample -> sample.label("thread_id"))
            .collect(Collectors.toSet());
    }

    private static double running() {
        return KafkaStreams.State.RUNNING.ordinal();
    }

    private void awaitScrape(final Consumer<PrometheusScrape> assertion) {
        await().atMost(KAFKA_METER_REFRESH_SECONDS, TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS)
            .untilAsserted(() -> {
                final TestHttp.Answer answer = http.get("/prometheus", null);
                assertEquals(200, answer.status());
                assertion.accept(PrometheusScrape.parse(answer.body()));
            });
    }
}
