package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole pipeline (embedded broker, plan API, ingest, rater) for the seed end-to-end tests, started
 * once per test JVM and shared by the seed classes, with a late grace of two seconds so that a
 * terminated subscription's final statement comes within seconds. Each test keeps to its own codes,
 * customers and event types (a random suffix), so the seeds cannot see each other's usage.
 */
final class SeedPipeline {

    /** Short enough for a test to wait it out, long enough to be a real grace. */
    static final Duration LATE_GRACE = Duration.ofSeconds(2);
    /** Grace, the close check (every 5 s) and a commit, with room for a busy machine. */
    private static final long STATEMENT_DEADLINE_SECONDS = 30;
    /** The rater looks for due periods every 5 s; a second close of one period would show within this. */
    private static final Duration CLOSE_CHECK_AND_COMMIT = Duration.ofSeconds(6);

    private static SeedPipeline shared;

    private final Tollgate tollgate;
    private final TestHttp http;

    private SeedPipeline(final Tollgate tollgate) {
        this.tollgate = tollgate;
        this.http = new TestHttp(tollgate.baseUrl());
    }

    static synchronized SeedPipeline shared() {
        if (shared == null) {
            final Tollgate started;
            try {
                started = Tollgate.start(LaunchSettings.fromEnvironment(Map.of(
                    "TOLLGATE_HTTP_PORT", Integer.toString(freePort()),
                    "TOLLGATE_KAFKA_PORT", Integer.toString(freePort()),
                    "TOLLGATE_DATA_DIR", Files.createTempDirectory("tollgate-seeds").toString(),
                    "TOLLGATE_LATE_GRACE", LATE_GRACE.toString())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "seed-pipeline-shutdown"));
            shared = new SeedPipeline(started);
            await().atMost(60, TimeUnit.SECONDS).until(() -> shared.http.get("/health", null).status() == 200);
        }
        return shared;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    TestHttp http() {
        return http;
    }

    String admin() {
        return tollgate.settings().adminKey();
    }

    /** POSTs a catalog body with the admin key; it must be created. */
    JsonNode create(final String path, final String body) {
        final TestHttp.Answer answer = http.post(path, admin(), body);
        assertEquals(201, answer.status(), path + " " + answer.body());
        return answer.json();
    }

    /** Sends one event through {@code POST /v1/events}; it must be accepted. */
    void send(final String customer, final String id, final String type, final String properties) {
        final TestHttp.Answer answer = http.post("/v1/events", tollgate.settings().ingestKey(),
            "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"customer_id\":\"" + customer + "\",\"properties\":"
                + properties + "}");
        assertEquals(202, answer.status(), answer.body());
    }

    /** Waits until the rater has decided {@code event}: rated, or rejected with {@code reason}. */
    void awaitOutcome(final String customer, final String event, final String status, final String reason) {
        final AtomicReference<String> last = new AtomicReference<>();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            final TestHttp.Answer answer = http.get("/v1/customers/" + customer + "/events/" + event, admin());
            last.set(answer.body());
            assertEquals(200, answer.status(), answer.body());
            assertEquals(status, answer.json().get("status").asText(), answer.body());
            final JsonNode given = answer.json().get("reason");
            assertEquals(reason, given == null || given.isNull() ? null : given.asText(), answer.body());
        });
    }

    /** {@code DELETE /v1/subscriptions/{id}}: terminates it now; answers when it ended. */
    Instant terminate(final String subscription) {
        final TestHttp.Answer answer = http.delete("/v1/subscriptions/" + subscription, admin());
        assertEquals(200, answer.status(), answer.body());
        return Instant.parse(answer.json().get("ended_at").asText());
    }

    /** Waits for the statement ({@code kind} statement) of {@code subscription} whose period ends at {@code end}. */
    JsonNode awaitStatementEndingAt(final String subscription, final Instant end) {
        return awaitStatement(subscription, statement -> Instant.parse(statement.get("period").get("end").asText())
            .equals(end));
    }

    /** Waits for a statement ({@code kind} statement) of {@code subscription} that {@code wanted} accepts. */
    JsonNode awaitStatement(final String subscription, final java.util.function.Predicate<JsonNode> wanted) {
        return awaitStatement(subscription, "statement", wanted);
    }

    /** Waits for the opening statement of {@code subscription}: its first period's fees billed in advance. */
    JsonNode awaitOpening(final String subscription) {
        return awaitStatement(subscription, "opening", statement -> true);
    }

    private JsonNode awaitStatement(final String subscription, final String kind,
                                    final java.util.function.Predicate<JsonNode> wanted) {
        final AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(STATEMENT_DEADLINE_SECONDS, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> {
            final TestHttp.Answer answer = http.get("/v1/subscriptions/" + subscription + "/statements", admin());
            if (answer.status() != 200) {
                return false;
            }
            for (final JsonNode statement : answer.json()) {
                if (kind.equals(statement.get("kind").asText()) && wanted.test(statement)) {
                    found.set(statement);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** Every record of {@code subscription} on tollgate.period-statements, read_committed, once {@code id} is there. */
    List<PeriodStatement> awaitOnTopic(final String subscription, final String id) {
        try (KafkaConsumer<String, byte[]> consumer = statementsConsumer()) {
            final List<PeriodStatement> found = new ArrayList<>();
            await().atMost(STATEMENT_DEADLINE_SECONDS, TimeUnit.SECONDS).until(() -> {
                found.addAll(poll(consumer, subscription));
                return found.stream().anyMatch(statement -> statement.id().equals(id));
            });
            return found;
        }
    }

    /**
     * The record with {@code id} on tollgate.period-statements: there, and still the only one with its
     * id after the rater's next close check (a period closed twice would publish it again).
     */
    PeriodStatement onTopic(final String subscription, final String id) {
        try (KafkaConsumer<String, byte[]> consumer = statementsConsumer()) {
            final List<PeriodStatement> records = new ArrayList<>();
            await().atMost(STATEMENT_DEADLINE_SECONDS, TimeUnit.SECONDS).until(() -> {
                poll(consumer, subscription).stream().filter(statement -> statement.id().equals(id))
                    .forEach(records::add);
                return !records.isEmpty();
            });
            await().during(CLOSE_CHECK_AND_COMMIT).atMost(CLOSE_CHECK_AND_COMMIT.multipliedBy(2)).untilAsserted(() -> {
                poll(consumer, subscription).stream().filter(statement -> statement.id().equals(id))
                    .forEach(records::add);
                assertEquals(1, records.size(), "records " + id + " on the statements topic: " + records);
            });
            return records.get(0);
        }
    }

    private KafkaConsumer<String, byte[]> statementsConsumer() {
        final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            tollgate.bootstrapServers(), "seed-statements-" + UUID.randomUUID()));
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.PERIOD_STATEMENTS.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static List<PeriodStatement> poll(final KafkaConsumer<String, byte[]> consumer,
                                              final String subscription) {
        final List<PeriodStatement> found = new ArrayList<>();
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (subscription.equals(record.key())) {
                found.add(Topics.PERIOD_STATEMENTS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value()));
            }
        }
        return found;
    }

    /** A statement's lines as {@code "type code units amount"}, amounts as the API writes them. */
    static List<String> lines(final JsonNode statement) {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode line : statement.get("lines")) {
            lines.add(line.get("type").asText() + " " + line.get("code").asText() + " "
                + units(line.has("units") && !line.get("units").isNull() ? new BigDecimal(line.get("units").asText())
                    : null)
                + " " + line.get("amount").asText());
        }
        return lines;
    }

    /** The same rendering for a record read from the topic. */
    static List<String> lines(final PeriodStatement statement) {
        final List<String> lines = new ArrayList<>();
        for (final StatementLine line : statement.lines()) {
            lines.add(line.type() + " " + line.code() + " " + units(line.units()) + " "
                + line.amount().toPlainString());
        }
        return lines;
    }

    private static String units(final BigDecimal units) {
        return Optional.ofNullable(units).map(u -> u.stripTrailingZeros().toPlainString()).orElse("-");
    }

    /**
     * The start of a monthly anniversary subscription whose current period ends tomorrow at midnight UTC,
     * so that a termination today bills the whole period (the termination day counts) and the amounts
     * do not depend on the day the test runs. Anniversary months are counted from the anchor date, so the
     * anchor is the latest date with tomorrow's day of month: a month back, or two when the previous month
     * is too short (March 31 is two months after January 31; February has no 31st).
     */
    static Instant monthlyAnniversaryEndingTomorrow() {
        final LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        for (int months = 1; ; months++) {
            final LocalDate anchor = tomorrow.minusMonths(months);
            if (anchor.plusMonths(months).equals(tomorrow)) {
                return anchor.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
