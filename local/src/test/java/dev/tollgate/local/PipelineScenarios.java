package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole pipeline as {@code java -jar tollgate-local.jar} runs it: the topics, the plan API,
 * ingest and the rater, driven over HTTP and read back from Kafka with a plain consumer. Subclasses
 * say which real broker it runs against.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineScenarios {

    private Tollgate tollgate;
    private TestHttp http;
    private String admin;
    private String ingest;

    /** Settings beyond the free ports and the data dir: which broker, which components. */
    abstract Map<String, String> environment();

    @BeforeAll
    void startTollgate() throws IOException {
        final Map<String, String> env = new HashMap<>(environment());
        env.put("TOLLGATE_HTTP_PORT", Integer.toString(freePort()));
        env.put("TOLLGATE_KAFKA_PORT", Integer.toString(freePort()));
        env.put("TOLLGATE_DATA_DIR", Files.createTempDirectory("tollgate-e2e").toString());
        tollgate = Tollgate.start(LaunchSettings.fromEnvironment(env));
        http = new TestHttp(tollgate.baseUrl());
        admin = tollgate.settings().adminKey();
        ingest = tollgate.settings().ingestKey();
        await().atMost(60, TimeUnit.SECONDS).until(() -> http.get("/health", null).status() == 200);
    }

    @AfterAll
    void stopTollgate() {
        if (tollgate != null) {
            tollgate.close();
        }
    }

    @Test
    void shouldRateAPostedEventAndShowItInUsage() {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String meter = "voice_seconds_" + suffix;
        final String plan = "starter_" + suffix;
        final String customer = "acme_" + suffix;
        assertEquals(201, http.post("/v1/meters", admin, "{\"code\":\"" + meter + "\",\"name\":\"Voice seconds\","
            + "\"event_type\":\"call_ended_" + suffix + "\",\"aggregation\":\"sum\",\"field\":\"seconds\"}").status());
        assertEquals(201, http.post("/v1/plans", admin, "{\"code\":\"" + plan + "\",\"name\":\"Starter\","
            + "\"interval\":\"monthly\",\"currency\":\"USD\",\"amount\":\"10.00\",\"charges\":[{\"meter\":\"" + meter
            + "\",\"model\":\"standard\",\"properties\":{\"amount\":\"0.002\"}}]}").status());
        assertEquals(201, http.post("/v1/subscriptions", admin, "{\"id\":\"sub_" + suffix + "\",\"customer_id\":\""
            + customer + "\",\"plan\":\"" + plan + "\"}").status());
        // Sent right after the subscription's 201: the rater must rate it, not reject it NO_SUBSCRIPTION.
        final TestHttp.Answer accepted = http.post("/v1/events", ingest, "{\"id\":\"evt_1\",\"type\":\"call_ended_"
            + suffix + "\",\"customer_id\":\"" + customer + "\",\"properties\":{\"seconds\":125}}");
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals("evt_1", accepted.json().get("accepted").get(0).asText());

        final RatedUsage rated = awaitRated(customer, 1).get(0);
        // 125 s x 0.002 USD = 0.250 USD
        assertEquals(0, new BigDecimal("0.250").compareTo(rated.amount()));
        assertEquals("evt_1", rated.eventId());
        assertEquals("sub_" + suffix, rated.subscriptionId());

        final JsonNode usage = http.get("/v1/customers/" + customer + "/usage", admin).json();
        assertEquals("sub_" + suffix, usage.get("subscription_id").asText());
        assertEquals(0, new BigDecimal("0.250").compareTo(new BigDecimal(usage.get("total_amount").asText())));
        assertEquals(0, new BigDecimal("125").compareTo(new BigDecimal(usage.get("charges").get(0).get("units")
            .asText())));
    }

    @Test
    void shouldRateTheEventsOfASubscriptionMadeByLookupKey() {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String meter = "api_calls_" + suffix;
        final String plan = "growth_" + suffix;
        final String customer = "keyed_" + suffix;
        assertEquals(201, http.post("/v1/meters", admin, "{\"code\":\"" + meter + "\",\"event_type\":\"api_call_"
            + suffix + "\",\"aggregation\":\"count\"}").status());
        assertEquals(201, http.post("/v1/plans", admin, "{\"code\":\"" + plan + "\",\"name\":\"Growth\","
            + "\"interval\":\"monthly\",\"currency\":\"USD\",\"lookup_key\":\"growth-key-" + suffix + "\","
            + "\"charges\":[{\"meter\":\"" + meter + "\",\"model\":\"standard\",\"properties\":{\"amount\":\"0.75\"}}]}")
            .status());
        final TestHttp.Answer subscribed = http.post("/v1/subscriptions", admin, "{\"id\":\"sub_" + suffix
            + "\",\"customer_id\":\"" + customer + "\",\"plan_lookup_key\":\"growth-key-" + suffix + "\"}");
        assertEquals(201, subscribed.status(), subscribed.body());
        assertEquals(plan, subscribed.json().get("plan").asText());

        for (int i = 0; i < 2; i++) {
            assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"call_" + i + "\",\"type\":\"api_call_"
                + suffix + "\",\"customer_id\":\"" + customer + "\"}").status());
        }

        final List<RatedUsage> rated = awaitRated(customer, 2);
        assertEquals(List.of(plan, plan), rated.stream().map(RatedUsage::plan).toList());
        // 2 calls x 0.75 USD = 1.50 USD
        assertEquals(0, new BigDecimal("1.50").compareTo(rated.stream().map(RatedUsage::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add)));
        assertEquals(1, http.get("/v1/plans/" + plan, admin).json().get("active_subscriptions").asInt());
    }

    @Test
    void shouldKeepOneStatePerCustomerWhateverPartitionTheProducerChose() throws Exception {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String meter = "queries_" + suffix;
        final String plan = "queries_plan_" + suffix;
        final String customer = "gw_" + suffix;
        http.post("/v1/meters", admin, "{\"code\":\"" + meter + "\",\"event_type\":\"query_" + suffix
            + "\",\"aggregation\":\"count\"}");
        http.post("/v1/plans", admin, "{\"code\":\"" + plan + "\",\"name\":\"Queries\",\"interval\":\"monthly\","
            + "\"currency\":\"USD\",\"charges\":[{\"meter\":\"" + meter + "\",\"model\":\"standard\","
            + "\"properties\":{\"amount\":\"1\"}}]}");
        http.post("/v1/subscriptions", admin, "{\"id\":\"sub_" + suffix + "\",\"customer_id\":\"" + customer
            + "\",\"plan\":\"" + plan + "\"}");

        // A librdkafka producer hashes keys with CRC32: the same customer's events land on several
        // partitions, one of them not murmur2's. Write to every partition explicitly.
        final int partitions = 4;
        final int home = Utils.toPositive(Utils.murmur2(new StringSerializer().serialize(null, customer)))
            % partitions;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.reliableProducer(
            tollgate.bootstrapServers(), "crc32-like-producer", Duration.ofSeconds(10)))) {
            for (int partition = 0; partition < partitions; partition++) {
                final String event = "{\"id\":\"q" + partition + "\",\"type\":\"query_" + suffix
                    + "\",\"customer_id\":\"" + customer + "\"}";
                producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), partition, customer,
                    event.getBytes(StandardCharsets.UTF_8))).get();
            }
            // The same event id again, on a partition other than the customer's: a duplicate, not a new query.
            producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), (home + 1) % partitions, customer,
                ("{\"id\":\"q0\",\"type\":\"query_" + suffix + "\",\"customer_id\":\"" + customer + "\"}")
                    .getBytes(StandardCharsets.UTF_8))).get();
        }

        final List<RatedUsage> rated = awaitRated(customer, partitions);
        assertEquals(partitions, rated.size());
        // One aggregate for the customer: the last rated event sees all four queries.
        assertTrue(rated.stream().anyMatch(r -> r.totalUnits().compareTo(BigDecimal.valueOf(partitions)) == 0));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(0, new BigDecimal("4").compareTo(
            new BigDecimal(http.get("/v1/customers/" + customer + "/usage", admin).json().get("total_amount")
                .asText()))));
    }

    @Test
    void shouldAnswerHealthWithoutAKeyAndGuardTheApiWithOne() {
        final TestHttp.Answer health = http.get("/health", null);
        assertEquals(200, health.status());
        assertEquals("UP", health.json().get("status").asText());
        final TestHttp.Answer anonymous = http.get("/v1/meters", null);
        assertEquals(401, anonymous.status());
        assertEquals("application/problem+json", anonymous.header("Content-Type").orElseThrow());
        assertEquals(403, http.get("/v1/meters", ingest).status());
    }

    @Test
    void shouldPublishOneFinalStatementPerClosedPeriodAndRefundsBesideIt() {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String meter = "messages_" + suffix;
        final String plan = "messaging_" + suffix;
        final String customer = "chat_" + suffix;
        final String subscription = "sub_" + suffix;
        final YearMonth now = YearMonth.now(ZoneOffset.UTC);
        final Instant started = now.minusMonths(3).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        final Instant usedAt = now.minusMonths(2).atDay(10).atStartOfDay(ZoneOffset.UTC).toInstant();
        http.post("/v1/meters", admin, "{\"code\":\"" + meter + "\",\"event_type\":\"message_" + suffix
            + "\",\"aggregation\":\"count\"}");
        http.post("/v1/plans", admin, "{\"code\":\"" + plan + "\",\"name\":\"Messaging\",\"interval\":\"monthly\","
            + "\"currency\":\"IDR\",\"amount\":\"150000\",\"charges\":[{\"meter\":\"" + meter + "\","
            + "\"model\":\"standard\",\"properties\":{\"amount\":\"250.5\"}}]}");
        http.post("/v1/subscriptions", admin, "{\"id\":\"" + subscription + "\",\"customer_id\":\"" + customer
            + "\",\"plan\":\"" + plan + "\",\"started_at\":\"" + started + "\"}");
        for (int i = 0; i < 3; i++) {
            assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"m" + i + "\",\"type\":\"message_" + suffix
                + "\",\"customer_id\":\"" + customer + "\",\"timestamp\":\"" + usedAt + "\"}").status());
        }

        final List<PeriodStatement> statements = awaitStatements(subscription, 3);
        assertEquals(List.of(started, started.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(),
                started.atZone(ZoneOffset.UTC).plusMonths(2).toInstant()),
            statements.stream().map(st -> st.period().start()).toList());
        final PeriodStatement used = statements.get(1);
        assertTrue(used.finalStatement());
        assertEquals("IDR", used.currency());
        // 150000 base + 3 messages x 250.5 = 751.5, rounded to IDR's 0 decimals (half up) = 752 => 150752
        assertEquals(0, new BigDecimal("150752").compareTo(used.total()), used.toString());
        assertEquals(0, new BigDecimal("150000").compareTo(statements.get(0).total()));

        final TestHttp.Answer listed = http.get("/v1/subscriptions/" + subscription + "/statements", admin);
        assertEquals(200, listed.status(), listed.body());
        assertEquals(3, listed.json().size());
        final JsonNode second = listed.json().get(1);
        assertEquals(subscription + "/" + statements.get(1).period().start(), second.get("id").asText());
        assertEquals("150752", second.get("total").asText());
        assertTrue(second.get("final").asBoolean());
        assertEquals("usage", second.get("lines").get(1).get("type").asText());
        assertEquals("752", second.get("lines").get(1).get("amount").asText());
        assertEquals(404, http.get("/v1/subscriptions/no_such_" + suffix + "/statements", admin).status());

        final String refunds = "/v1/subscriptions/" + subscription + "/refunds";
        final TestHttp.Answer partial = http.post(refunds, admin, "{\"id\":\"goodwill\",\"statement_id\":\""
            + used.id() + "\",\"amount\":\"50000\",\"reason\":\"outage on the 10th\"}");
        assertEquals(201, partial.status(), partial.body());
        // 150752 - 50000 = 100752 left
        assertEquals("100752", partial.json().get("remaining").asText());
        final TestHttp.Answer rest = http.post(refunds, admin, "{\"id\":\"rest\",\"statement_id\":\"" + used.id()
            + "\"}");
        assertEquals(201, rest.status(), rest.body());
        assertEquals("100752", rest.json().get("amount").asText());
        assertEquals(422, http.post(refunds, admin, "{\"id\":\"more\",\"statement_id\":\"" + used.id() + "\"}")
            .status());
        assertEquals(422, http.post(refunds, admin, "{\"statement_id\":\"" + used.id() + "\"}").status(),
            "a refund without an idempotency key is refused");

        final List<PeriodStatement> adjusted = awaitStatements(subscription, 5);
        final PeriodStatement first = adjusted.get(3);
        assertEquals(PeriodStatement.REFUND, first.kind());
        assertEquals(used.id(), first.adjusts());
        assertEquals("outage on the 10th", first.reason());
        assertEquals(0, new BigDecimal("-50000").compareTo(first.total()));
        assertEquals(0, new BigDecimal("-100752").compareTo(adjusted.get(4).total()));
        assertEquals(used, adjusted.get(1), "the statement itself is never edited");
    }

    @Test
    void shouldServeCountersThatReconcileOnPrometheus() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.reliableProducer(
            tollgate.bootstrapServers(), "raw-producer", Duration.ofSeconds(10)))) {
            producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), "someone",
                "not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            final TestHttp.Answer scrape = http.get("/prometheus", null);
            assertEquals(200, scrape.status());
            final Map<String, Double> metrics = prometheus(scrape.body());
            final double rejected = metrics.entrySet().stream()
                .filter(e -> e.getKey().startsWith("tollgate_events_rejected_total{"))
                .mapToDouble(Map.Entry::getValue).sum();
            assertTrue(metrics.getOrDefault("tollgate_events_rejected_total{reason=\"INVALID\"}", 0.0) >= 1,
                scrape.body());
            assertEquals(metrics.get("tollgate_events_read_total"),
                metrics.get("tollgate_events_rated_total") + rejected + metrics.get("tollgate_events_pending"));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDocumentEveryRouteTheServerHas() {
        final TestHttp.Answer answer = http.get("/openapi.yml", null);
        assertEquals(200, answer.status());
        final Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(answer.body());
        final Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
            .filter(key -> Set.of("get", "put", "post", "delete", "patch").contains(key))
            .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        // Micronaut answers HEAD wherever it answers GET; OpenAPI leaves such HEADs implicit.
        final Set<String> served = tollgate.context().getBean(Router.class).uriRoutes()
            .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
            .map(route -> route.getHttpMethod().name() + " " + route.getUriMatchTemplate().toString())
            .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(served.contains("POST /v1/events/batch") && served.contains("GET /prometheus"), served.toString());
        assertEquals(served, documented);
    }

    private static Map<String, Double> prometheus(final String text) {
        final Map<String, Double> values = new HashMap<>();
        for (final String line : text.split("\n")) {
            if (line.startsWith("tollgate_")) {
                final int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    /** Waits until {@code count} statements of {@code subscription} are on tollgate.period-statements. */
    private List<PeriodStatement> awaitStatements(final String subscription, final int count) {
        final List<PeriodStatement> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            tollgate.bootstrapServers(), "e2e-statements-" + UUID.randomUUID()))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.PERIOD_STATEMENTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(60, TimeUnit.SECONDS).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subscription.equals(record.key())) {
                        found.add(Topics.PERIOD_STATEMENTS.valueSerde().deserializer()
                            .deserialize(record.topic(), record.value()));
                    }
                }
                return found.size() >= count;
            });
        }
        assertEquals(count, found.size());
        return found;
    }

    /** Waits until {@code count} rated records of {@code customer} are on tollgate.rated-usage. */
    private List<RatedUsage> awaitRated(final String customer, final int count) {
        final Map<String, Object> config = ClientConfigs.tailingConsumer(tollgate.bootstrapServers(),
            "e2e-reader-" + UUID.randomUUID());
        final List<RatedUsage> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RATED_USAGE.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(60, TimeUnit.SECONDS).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final RatedUsage usage = Topics.RATED_USAGE.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                    if (usage.customerId().equals(customer)) {
                        found.add(usage);
                    }
                }
                return found.size() >= count;
            });
            // Nothing beyond what was expected arrives late (a double count would show up here).
            final long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    final RatedUsage usage = Topics.RATED_USAGE.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                    if (usage.customerId().equals(customer)) {
                        found.add(usage);
                    }
                });
            }
        }
        assertEquals(count, found.size(), "rated records of " + customer);
        return found;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
