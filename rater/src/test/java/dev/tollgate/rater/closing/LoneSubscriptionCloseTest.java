package dev.tollgate.rater.closing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the real broker, a subscription alone on its partition gets its final statement once its end
 * plus the grace has passed, with no further record; and a rater that starts after the close is due,
 * with the period's events still unread, reads them all before it closes.
 */
class LoneSubscriptionCloseTest {

    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final BigDecimal PER_SECOND = new BigDecimal("0.002");

    private KafkaProducer<String, byte[]> producer;
    private TestServer rater;
    private String meter;
    private String plan;
    private String customer;

    @BeforeEach
    void catalog() {
        producer = new KafkaProducer<>(ClientConfigs.reliableProducer(SharedKafka.bootstrapServers(),
            "lone-close-test-" + UUID.randomUUID(), Duration.ofSeconds(30)));
        final String unique = UUID.randomUUID().toString().substring(0, 8);
        meter = "lone-voice-" + unique;
        plan = "lone-plan-" + unique;
        customer = "lone-" + unique;
        send(Topics.METERS, meter, new Meter(meter, "Voice seconds", "lone_call_" + unique, "sum", "seconds",
            Map.of()));
        send(Topics.PLANS, plan, new Plan(plan, Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(new Charge("voice", meter,
            "standard", Map.of("amount", PER_SECOND.toPlainString()), Map.of(), null, List.of()))))));
        flush();
    }

    @AfterEach
    void stop() {
        if (rater != null) {
            rater.close();
        }
        producer.close();
    }

    @Test
    void shouldPublishATerminatedSubscriptionsFinalStatementWithoutAnotherRecord() {
        rater = startRater();
        final Instant startedAt = today();
        final Subscription running = new Subscription("sub-" + customer, customer, plan, null, startedAt, null,
            "calendar");
        subscribe(running);
        for (int i = 0; i < 3; i++) {
            call("e" + i, 100, Instant.now());
        }
        flush();
        awaitRated("e2");

        final Instant endedAt = Instant.now();
        subscribe(running.endedAt(endedAt));
        flush();

        final PeriodStatement fromTopic = awaitStatementOnTopic(running.id());
        final Instant arrived = Instant.now();
        final List<Map<String, Object>> listed = awaitStatements(running.id());
        assertEquals(1, listed.size());
        assertEquals(fromTopic.id(), listed.get(0).get("id"));
        assertEquals(endedAt, fromTopic.period().end());
        // base 10.00 x 1 charged day / the month's days, rounded once; usage 3 x 100 s x 0.002 = 0.60
        final BigDecimal base = new BigDecimal("10").divide(BigDecimal.valueOf(daysInMonth(startedAt)), 2,
            RoundingMode.HALF_UP);
        assertEquals(base, fromTopic.lines().get(0).amount());
        assertEquals(new BigDecimal("0.60"), fromTopic.lines().get(1).amount());
        assertEquals(base.add(new BigDecimal("0.60")), fromTopic.total());
        System.out.printf("final statement published %d ms after the end plus the grace%n",
            Duration.between(endedAt.plus(GRACE), arrived).toMillis());
    }

    @Test
    void shouldCloseWithTheUpcomingStatementItShowedBefore() {
        rater = startRater();
        final Instant startedAt = today();
        final Subscription running = new Subscription("sub-" + customer, customer, plan, null, startedAt, null,
            "calendar");
        subscribe(running);
        call("u1", 250, Instant.now());
        call("u2", 125, Instant.now());
        flush();
        awaitRated("u2");
        // Ends a few seconds ahead: the upcoming statement is asked while the period is still open.
        final Instant endedAt = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        subscribe(running.endedAt(endedAt));
        flush();
        final String route = "/v1/subscriptions/" + running.id() + "/statements/upcoming";
        final TestHttp.Answer upcoming = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
            .until(() -> rater.http().get(route, TestServer.ADMIN_KEY),
                reply -> reply.status() == 200 && endedAt.toString().equals(reply.json().at("/period/end").textValue()));
        assertEquals("upcoming", upcoming.json().get("kind").textValue());
        assertEquals(false, upcoming.json().get("final").booleanValue());
        // 375 s x 0.002 = 0.75 beside the base price prorated to the days billed
        assertEquals("0.75", upcoming.json().at("/lines/1/amount").asText());

        final PeriodStatement closed = awaitStatementOnTopic(running.id());
        assertEquals(PeriodStatement.STATEMENT, closed.kind());
        assertEquals(Json.mapper().convertValue(upcoming.json().get("lines"), List.class),
            Json.mapper().convertValue(Json.mapper().valueToTree(closed).get("lines"), List.class));
        assertEquals(new BigDecimal(upcoming.json().get("total").asText()), closed.total());

        final TestHttp.Answer after = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(() -> rater.http().get(route, TestServer.ADMIN_KEY), reply -> reply.status() != 200);
        assertEquals(404, after.status());
        assertEquals(404, rater.http().get("/v1/subscriptions/no-such-" + customer + "/statements/upcoming",
            TestServer.ADMIN_KEY).status());
    }

    @Test
    void shouldReadABacklogWrittenBeforeTheCloseBeforeClosing() {
        final int backlog = 50_000;
        final Instant startedAt = today();
        final Instant endedAt = Instant.now();
        final Subscription ended = new Subscription("sub-" + customer, customer, plan, null, startedAt, endedAt,
            "calendar");
        // Stamped at its start, the subscription is the first record of the task in timestamp order:
        // its close is due by the wall clock as soon as the rater has read it, before any event.
        send(Topics.SUBSCRIPTIONS, customer, new CustomerSubscriptions(customer, List.of(ended)), startedAt);
        for (int i = 0; i < backlog; i++) {
            final Instant at = endedAt.minusMillis(1 + i % 1000);
            call("b" + i, 1, at, at);
        }
        flush();
        // The rater starts only once the close is due by the wall clock, with every event unread.
        await().atMost(DEADLINE).until(() -> Instant.now().isAfter(endedAt.plus(GRACE)));
        rater = startRater();

        final PeriodStatement statement = awaitStatementOnTopic(ended.id());
        // 50,000 events of 1 s each: every one of them, none LATE
        assertEquals(new BigDecimal(backlog), statement.lines().get(1).units());
        assertEquals(PER_SECOND.multiply(BigDecimal.valueOf(backlog)).setScale(2, RoundingMode.HALF_UP),
            statement.lines().get(1).amount());
    }

    private static Instant today() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static long daysInMonth(final Instant at) {
        final LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return ChronoUnit.DAYS.between(date.withDayOfMonth(1), date.withDayOfMonth(1).plusMonths(1));
    }

    private TestServer startRater() {
        final int port = freePort();
        return TestServer.start(Map.of(
            "tollgate.components.rater", true,
            "tollgate.rater.late-grace", GRACE.toString(),
            "micronaut.server.port", port,
            "tollgate.rater.advertised-endpoint", "127.0.0.1:" + port));
    }

    private void subscribe(final Subscription subscription) {
        send(Topics.SUBSCRIPTIONS, customer, new CustomerSubscriptions(customer, List.of(subscription)));
    }

    private void call(final String id, final int seconds, final Instant at) {
        call(id, seconds, at, null);
    }

    /** @param written the record's Kafka timestamp; null for the producer's clock */
    private void call(final String id, final int seconds, final Instant at, final Instant written) {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", "lone_call_" + meter.substring("lone-voice-".length()));
        event.put("customer_id", customer);
        event.put("timestamp", at.toString());
        event.put("properties", Map.of("seconds", seconds));
        producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), null,
            written == null ? null : written.toEpochMilli(), customer, Json.write(event)));
    }

    private <V> void send(final Topic<String, V> topic, final String key, final V value) {
        send(topic, key, value, null);
    }

    private <V> void send(final Topic<String, V> topic, final String key, final V value, final Instant written) {
        producer.send(new ProducerRecord<>(topic.name(), null, written == null ? null : written.toEpochMilli(), key,
            topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private void flush() {
        producer.flush();
    }

    private void awaitRated(final String eventId) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            final TestHttp.Answer answer = rater.http().get("/v1/customers/" + customer + "/events/" + eventId,
                TestServer.ADMIN_KEY);
            return answer.status() == 200 && "rated".equals(answer.json().get("status").textValue());
        });
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> awaitStatements(final String subscriptionId) {
        final TestHttp.Answer answer = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(() -> rater.http().get("/v1/subscriptions/" + subscriptionId + "/statements", TestServer.ADMIN_KEY),
                reply -> reply.status() == 200 && reply.json().size() > 0);
        return Json.mapper().convertValue(answer.json(), List.class);
    }

    /** The subscription's first record on tollgate.period-statements, read committed. */
    private static PeriodStatement awaitStatementOnTopic(final String subscriptionId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            SharedKafka.bootstrapServers(), "lone-close-statements-" + UUID.randomUUID()))) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.PERIOD_STATEMENTS.name())
                .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final List<PeriodStatement> found = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subscriptionId.equals(record.key())) {
                        found.add(Topics.PERIOD_STATEMENTS.valueSerde().deserializer()
                            .deserialize(record.topic(), record.value()));
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
