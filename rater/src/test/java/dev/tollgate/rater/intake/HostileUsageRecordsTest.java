package dev.tollgate.rater.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.rater.runtime.RaterStreams;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records that stopped the rater, written straight to {@code tollgate.usage-events} with a running
 * rater on the real broker: each becomes an {@code INVALID} rejection with a reason, small enough for
 * {@code tollgate.usage-rejections}, and a valid event written after all of them is rated.
 */
class HostileUsageRecordsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private static TestServer rater;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        final int port = freePort();
        rater = TestServer.start(Map.of(
            "tollgate.components.rater", true,
            "tollgate.rater.application-id", "hostile-usage-" + UUID.randomUUID(),
            "micronaut.server.port", port,
            "tollgate.rater.advertised-endpoint", "127.0.0.1:" + port));
        final Map<String, Object> config = ClientConfigs.reliableProducer(SharedKafka.bootstrapServers(),
            "hostile-usage-test", Duration.ofSeconds(30));
        config.put("max.request.size", 1_000_000);
        producer = new KafkaProducer<>(config);
    }

    @AfterAll
    static void stop() {
        producer.close();
        rater.close();
    }

    @Test
    void shouldRejectEveryHostileRecordAsInvalidAndGoOnRating() {
        final String unique = UUID.randomUUID().toString().substring(0, 8);
        final String customer = "hostile-" + unique;
        final String eventType = "call_" + unique;
        final String meter = "seconds-" + unique;
        final String plan = "plan-" + unique;
        send(Topics.METERS, meter, new Meter(meter, "Seconds", eventType, "sum", "seconds", Map.of()));
        send(Topics.PLANS, plan, new Plan(plan, Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Voice", null, "monthly", "USD", BigDecimal.TEN, 0, List.of(new Charge("voice", meter, "standard",
            Map.of("amount", "0.002"), Map.of(), null, List.of()))))));
        send(Topics.SUBSCRIPTIONS, customer, new CustomerSubscriptions(customer, List.of(new Subscription(
            "sub-" + unique, customer, plan, null, Instant.parse("2026-01-01T00:00:00Z"), null, "calendar"))));

        final Map<String, byte[]> hostile = new LinkedHashMap<>();
        // numeric strings that passed the reader and then made aggregates no record could hold
        hostile.put("exponent -10000", event(customer, "e-small", eventType, "{\"seconds\":\"1e-10000\"}"));
        hostile.put("exponent 1000000", event(customer, "e-large", eventType, "{\"seconds\":\"1e1000000\"}"));
        hostile.put("1,000-digit string", event(customer, "e-digits", eventType,
            "{\"seconds\":\"" + "9".repeat(1_000) + "\"}"));
        hostile.put("5,000-digit string", event(customer, "e-digits5k", eventType,
            "{\"seconds\":\"" + "9".repeat(5_000) + "\"}"));
        // a JSON number too large to print plainly, echoed in the rejection
        hostile.put("number 1e1000000", event(customer, "e-number", eventType, "{\"seconds\":1e1000000}"));
        hostile.put("exponent past an int", event(customer, "e-overflow", eventType, "{\"seconds\":-1e-2147483648}"));
        hostile.put("number 1E+2147483647", event(customer, "e-int-scale", eventType, "{\"seconds\":1E+2147483647}"));
        hostile.put("5,000-digit number", event(customer, "e-number5k", eventType,
            "{\"seconds\":" + "9".repeat(5_000) + "}"));
        // encodings: Jackson took the first for UCS-4 and failed with an I/O error on the stream thread
        hostile.put("00 00 01 00", new byte[] {0, 0, 1, 0});
        hostile.put("UTF-16", new String(event(customer, "e-utf16", eventType, "{}"), StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.UTF_16));
        hostile.put("UTF-32", new String(event(customer, "e-utf32", eventType, "{}"), StandardCharsets.UTF_8)
            .getBytes(Charset.forName("UTF-32LE")));
        final byte[] utf8 = event(customer, "e-utf8", eventType, "{\"note\":\"..\"}");
        final int note = new String(utf8, StandardCharsets.ISO_8859_1).indexOf("..");
        utf8[note] = (byte) 0xC3;
        utf8[note + 1] = (byte) 0x28;
        hostile.put("invalid UTF-8", utf8);
        hostile.put("lone surrogate in the id", ("{\"id\":\"\\ud800\",\"type\":\"" + eventType
            + "\",\"customer_id\":\"" + customer + "\"}").getBytes(StandardCharsets.UTF_8));
        // tens of thousands of unknown fields: the echo of the whole event passed the broker's record size
        hostile.put("50,000 unknown fields", ("{\"id\":\"e-fields\",\"type\":\"" + eventType + "\",\"customer_id\":\""
            + customer + "\"," + IntStream.range(0, 50_000).mapToObj(i -> "\"f" + i + "\":" + i)
            .collect(Collectors.joining(",")) + "}").getBytes(StandardCharsets.UTF_8));
        hostile.put("not JSON", "not json".getBytes(StandardCharsets.UTF_8));
        hostile.forEach((name, value) -> write(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), customer, value)));

        // a key of 500 KB and headers of 900 KB: copied onto the rejection, either would pass the limit
        final String marker = "hostile-key-" + unique;
        write(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), "k".repeat(500_000),
            (marker + " is not JSON").getBytes(StandardCharsets.UTF_8)));
        final RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("bulk", new byte[900_000]));
        write(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), null, customer,
            ("{\"id\":\"e-headers\",\"customer_id\":\"" + customer + "\"}").getBytes(StandardCharsets.UTF_8),
            headers));

        write(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), customer,
            event(customer, "valid-after", eventType, "{\"seconds\":125}")));

        final List<ConsumerRecord<String, byte[]>> rejections = new ArrayList<>();
        final List<RatedUsage> rated = new ArrayList<>();
        tail(List.of(Topics.USAGE_REJECTIONS.name(), Topics.RATED_USAGE.name()), record -> {
            if (record.topic().equals(Topics.RATED_USAGE.name())) {
                if (customer.equals(record.key())) {
                    rated.add(Topics.RATED_USAGE.valueSerde().deserializer().deserialize(record.topic(),
                        record.value()));
                }
            } else if (customer.equals(record.key()) || record.key() == null
                && new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
                rejections.add(record);
            }
        }, () -> rejections.size() >= hostile.size() + 2 && !rated.isEmpty());

        assertEquals(hostile.size() + 2, rejections.size(), () -> describe(rejections));
        for (final ConsumerRecord<String, byte[]> record : rejections) {
            final UsageRejection rejection = Json.read(record.value(), UsageRejection.class);
            assertEquals(RejectionReason.INVALID, rejection.reason(), rejection.toString());
            assertNotNull(rejection.detail());
            assertFalse(rejection.detail().isBlank());
            assertTrue(record.value().length <= UsageRejection.MAX_RECORD_BYTES, record.value().length + " bytes");
            assertEquals(0, record.headers().toArray().length);
        }
        final List<String> details = rejections.stream()
            .map(record -> Json.read(record.value(), UsageRejection.class).detail()).toList();
        // the three numeric strings pass the reader and are refused where the meter reads them as numbers
        assertEquals(3, details.stream().filter(detail -> detail.startsWith("cannot be rated")
            || detail.startsWith("meter")).filter(detail -> detail.contains(Decimals.BOUNDS_MESSAGE)).count(),
            details.toString());
        assertTrue(details.stream().anyMatch(detail -> detail.contains("NUL byte")), details.toString());
        assertTrue(details.stream().anyMatch(detail -> detail.contains("UTF-16 byte order mark")), details.toString());
        assertTrue(details.stream().anyMatch(detail -> detail.contains("not valid UTF-8")), details.toString());
        assertTrue(details.stream().anyMatch(detail -> detail.contains("more errors, not listed")), details.toString());

        assertEquals(1, rated.size());
        assertEquals("valid-after", rated.get(0).eventId());
        // 125 s x 0.002 = 0.250
        assertEquals(0, new BigDecimal("0.250").compareTo(rated.get(0).amount()));
        assertEquals(KafkaStreams.State.RUNNING, rater.context().getBean(RaterStreams.class).streams().state());
    }

    @Test
    void shouldAnswerHostileRefundBodiesWithAProblem() {
        final String refund = "{\"statement_id\": \"st-1\", \"amount\": \"1\"}";
        final byte[] invalidUtf8 = "{\"statement_id\": \"..\"}".getBytes(StandardCharsets.UTF_8);
        invalidUtf8[18] = (byte) 0xC3;
        invalidUtf8[19] = (byte) 0x28;
        final Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty", new byte[0]);
        bodies.put("00 00 01 00", new byte[] {0, 0, 1, 0});
        bodies.put("truncated", refund.substring(0, 20).getBytes(StandardCharsets.UTF_8));
        bodies.put("UTF-16", refund.getBytes(StandardCharsets.UTF_16));
        bodies.put("UTF-32", refund.getBytes(Charset.forName("UTF-32BE")));
        bodies.put("invalid UTF-8", invalidUtf8);
        bodies.put("over 1 MiB", ("{\"reason\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        bodies.put("amount 1e1000000", "{\"statement_id\": \"st-1\", \"amount\": \"1e1000000\"}"
            .getBytes(StandardCharsets.UTF_8));
        final TestHttp http = rater.http();
        bodies.forEach((name, body) -> {
            final TestHttp.Answer answer = http.send(http.request("/v1/subscriptions/sub-x/refunds",
                TestServer.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            final int expected = name.startsWith("over") ? 413 : name.startsWith("amount") ? 422 : 400;
            assertEquals(expected, answer.status(), name + ": " + answer.body());
            assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow(), name);
        });
        final TestHttp.Answer wrongType = http.send(http.request("/v1/subscriptions/sub-x/refunds",
            TestServer.ADMIN_KEY).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(refund)).build());
        assertEquals(415, wrongType.status(), wrongType.body());
        assertEquals("application/problem+json", wrongType.header("Content-Type").orElseThrow());
        // the query routes take no body: one sent anyway, however encoded, changes nothing
        await().atMost(DEADLINE).until(() -> rater.context().getBean(RaterStreams.class).streams().state()
            == KafkaStreams.State.RUNNING);
        for (final String path : List.of("/v1/customers/nobody/usage", "/v1/customers/nobody/events/e1",
            "/v1/customers/nobody/entitlements/m", "/v1/subscriptions/nobody/statements")) {
            final HttpRequest request = http.request(path, TestServer.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method("GET", HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 1, 0})).build();
            // 503 with Retry-After only while the stores open after a rebalance
            final TestHttp.Answer answer = await().atMost(DEADLINE).until(() -> http.send(request),
                sent -> sent.status() != 503);
            assertEquals(404, answer.status(), path + ": " + answer.body());
            assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow(), path);
        }
    }

    private static String describe(final List<ConsumerRecord<String, byte[]>> rejections) {
        return rejections.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8))
            .map(text -> text.length() > 300 ? text.substring(0, 300) : text).collect(Collectors.joining("\n"));
    }

    private static byte[] event(final String customer, final String id, final String type, final String properties) {
        return ("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"customer_id\":\"" + customer + "\",\"timestamp\":\""
            + Instant.now() + "\",\"properties\":" + properties + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static <V> void send(final Topic<String, V> topic, final String key, final V value) {
        write(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private static void write(final ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + record.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void tail(final List<String> topics,
                             final Consumer<ConsumerRecord<String, byte[]>> each,
                             final BooleanSupplier complete) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
            ClientConfigs.tailingConsumer(SharedKafka.bootstrapServers(), "hostile-usage-" + UUID.randomUUID()))) {
            final List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic)
                .stream().map(info -> new TopicPartition(info.topic(), info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(DEADLINE).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
                return complete.getAsBoolean();
            });
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
