package dev.tollgate.rater.rerate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * On the real broker: a closed period re-rated through the API under a version that fixes a price
 * gets one adjustment on tollgate.period-statements, late events included, listed beside the
 * statement; the same request again is answered with the same adjustment, and what cannot be
 * re-rated is refused with the field named.
 */
class RerateOnBrokerTest {

    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private KafkaProducer<String, byte[]> producer;
    private TestServer rater;
    private String meter;
    private String plan;
    private String customer;
    private String eventType;

    @BeforeEach
    void catalog() {
        producer = new KafkaProducer<>(ClientConfigs.reliableProducer(SharedKafka.bootstrapServers(),
            "rerate-test-" + UUID.randomUUID(), Duration.ofSeconds(30)));
        final String unique = UUID.randomUUID().toString().substring(0, 8);
        meter = "rerate-voice-" + unique;
        plan = "rerate-plan-" + unique;
        customer = "rerate-" + unique;
        eventType = "rerate_call_" + unique;
        send(Topics.METERS, meter, new Meter(meter, "Voice seconds", eventType, "sum", "seconds", Map.of()));
        send(Topics.PLANS, plan, plan(version(1, Instant.EPOCH, "0.002")));
        producer.flush();
        rater = startRater();
    }

    @AfterEach
    void stop() {
        rater.close();
        producer.close();
    }

    private Plan plan(final PlanVersion... versions) {
        return new Plan(plan, Plan.PlanStatus.ACTIVE, List.of(versions));
    }

    private PlanVersion version(final int number, final Instant from, final String perSecond) {
        return new PlanVersion(number, from, "Voice", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(
            new Charge("voice", meter, "standard", Map.of("amount", perSecond), Map.of(), null, List.of())));
    }

    @Test
    void shouldAdjustAClosedPeriodOnceUnderAFixedPriceWithItsLateEvents() {
        final Instant startedAt = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        final Subscription running = new Subscription("sub-" + customer, customer, plan, null, startedAt, null,
            "calendar");
        subscribe(running);
        call("e1", 100, Instant.now());
        call("e2", 200, Instant.now());
        producer.flush();
        awaitStatus("e2", "rated");
        final Instant endedAt = Instant.now();
        subscribe(running.endedAt(endedAt));
        producer.flush();
        final PeriodStatement statement = awaitOnTopic(running.id(), PeriodStatement.STATEMENT);
        // 300 s x 0.002
        assertEquals(new BigDecimal("0.60"), statement.total());
        call("late", 500, endedAt.minusSeconds(1));
        producer.flush();
        awaitStatus("late", "rejected");
        // v2 fixes the price at 0.003 a second, in force only from 2030 on
        send(Topics.PLANS, plan, plan(version(1, Instant.EPOCH, "0.002"),
            version(2, Instant.parse("2030-01-01T00:00:00Z"), "0.003")));
        producer.flush();

        final String route = "/v1/subscriptions/" + running.id() + "/rerate";
        final String body = "{\"id\":\"fix-1\",\"period_start\":\"" + statement.period().start()
            + "\",\"plan_version\":2}";
        final TestHttp.Answer rerated = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(() -> rater.http().post(route, TestServer.ADMIN_KEY, body), reply -> reply.status() != 503
                && reply.status() != 422);
        assertEquals(201, rerated.status(), rerated.body());
        // 800 s (the late 500 with them) x 0.003 = 2.40 where 0.60 was billed
        assertEquals("1.80", rerated.json().get("total").asText(), rerated.body());
        assertEquals(3, rerated.json().get("events").asInt());
        assertEquals(1, rerated.json().get("late_events").asInt());
        final JsonNode adjustment = rerated.json().get("adjustment");
        assertEquals("rerate", adjustment.get("kind").asText());
        assertEquals(statement.id(), adjustment.get("adjusts").asText());
        assertEquals("500", adjustment.at("/lines/0/units").asText(), "the late call's seconds, the difference");

        final TestHttp.Answer again = rater.http().post(route, TestServer.ADMIN_KEY, body);
        assertEquals(201, again.status(), again.body());
        assertEquals(adjustment.get("id").asText(), again.json().at("/adjustment/id").asText());
        assertEquals(409, rater.http().post(route, TestServer.ADMIN_KEY, "{\"id\":\"fix-1\",\"period_start\":\""
            + statement.period().start() + "\",\"plan_version\":1}").status());

        final PeriodStatement published = awaitOnTopic(running.id(), PeriodStatement.RERATE);
        assertEquals(new BigDecimal("1.80"), published.total());

        // Back to v1 with the key as a header: 800 s x 0.002 = 1.60 where 2.40 stands after the first re-rate.
        final TestHttp.Answer back = rater.http().send(rater.http().request(route, TestServer.ADMIN_KEY)
            .header("Content-Type", "application/json").header("Idempotency-Key", "back-1")
            .POST(HttpRequest.BodyPublishers.ofString("{\"period_start\":\"" + statement.period().start()
                + "\",\"plan_version\":1}")).build());
        assertEquals(201, back.status(), back.body());
        assertEquals("back-1", back.json().get("id").asText());
        assertEquals("-0.80", back.json().get("total").asText());

        final TestHttp.Answer listed = rater.http().get("/v1/subscriptions/" + running.id() + "/statements",
            TestServer.ADMIN_KEY);
        assertEquals(List.of("statement", "rerate", "rerate"), kinds(listed.json()));
        assertEquals("0.60", listed.json().at("/0/total").asText(), "the statement is never edited");

        final TestHttp.Answer unknownVersion = rater.http().post(route, TestServer.ADMIN_KEY,
            "{\"id\":\"fix-2\",\"period_start\":\"" + statement.period().start() + "\",\"plan_version\":9}");
        assertEquals(422, unknownVersion.status());
        assertEquals("plan_version", unknownVersion.json().at("/errors/0/field").asText(), unknownVersion.body());
        final TestHttp.Answer noPeriod = rater.http().post(route, TestServer.ADMIN_KEY,
            "{\"id\":\"fix-3\",\"period_start\":\"2020-01-01T00:00:00Z\",\"plan_version\":2}");
        assertEquals(404, noPeriod.status(), noPeriod.body());
        final TestHttp.Answer badBody = rater.http().post(route, TestServer.ADMIN_KEY, "{\"id\":\"fix-4\"}");
        assertEquals(422, badBody.status());
        assertTrue(badBody.body().contains("period_start") && badBody.body().contains("plan_version"),
            badBody.body());
        assertEquals(404, rater.http().post("/v1/subscriptions/no-such-" + customer + "/rerate",
            TestServer.ADMIN_KEY, body).status());
    }

    private static List<String> kinds(final JsonNode statements) {
        final List<String> kinds = new ArrayList<>();
        statements.forEach(statement -> kinds.add(statement.get("kind").asText()));
        return kinds;
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
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", eventType);
        event.put("customer_id", customer);
        event.put("timestamp", at.toString());
        event.put("properties", Map.of("seconds", seconds));
        producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), customer, Json.write(event)));
    }

    private <V> void send(final Topic<String, V> topic, final String key, final V value) {
        producer.send(new ProducerRecord<>(topic.name(), key,
            topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private void awaitStatus(final String eventId, final String status) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            final TestHttp.Answer answer = rater.http().get("/v1/customers/" + customer + "/events/" + eventId,
                TestServer.ADMIN_KEY);
            return answer.status() == 200 && status.equals(answer.json().get("status").textValue());
        });
    }

    /** The subscription's first record of this kind on tollgate.period-statements, read committed. */
    private static PeriodStatement awaitOnTopic(final String subscriptionId, final String kind) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(
            SharedKafka.bootstrapServers(), "rerate-statements-" + UUID.randomUUID()))) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.PERIOD_STATEMENTS.name())
                .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final List<PeriodStatement> found = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subscriptionId.equals(record.key())) {
                        final PeriodStatement statement = Topics.PERIOD_STATEMENTS.valueSerde().deserializer()
                            .deserialize(record.topic(), record.value());
                        if (kind.equals(statement.kind())) {
                            found.add(statement);
                        }
                    }
                }
                return !found.isEmpty();
            });
            assertEquals(1, found.size(), "one " + kind + " record: " + found);
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
