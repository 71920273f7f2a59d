package dev.tollgate.planapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.testkit.SharedKafka;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** What the plan API's tests share: a server, unique codes, JSON comparison and a plain topic reader. */
public final class CatalogApi {

    public static final String ADMIN = TestServer.ADMIN_KEY;

    private CatalogApi() {
    }

    private static TestServer shared;

    public static TestServer start() {
        return TestServer.start(Map.of("tollgate.components.plan-api", "true"));
    }

    /** One plan API for the tests that need no server of their own; it stops with the JVM. */
    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "catalog-api-shutdown"));
        }
        return shared;
    }

    /** A code no other test uses: the broker is shared by every test of the JVM. */
    public static String unique(final String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static JsonNode json(final String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts {@code body} and fails unless the answer is 201. */
    public static JsonNode create(final TestHttp http, final String path, final String body) {
        final TestHttp.Answer answer = http.post(path, ADMIN, body);
        assertEquals(201, answer.status(), () -> "POST " + path + ": " + answer.body());
        return answer.json();
    }

    public static JsonNode get(final TestHttp http, final String path) {
        final TestHttp.Answer answer = http.get(path, ADMIN);
        assertEquals(200, answer.status(), () -> "GET " + path + ": " + answer.body());
        return answer.json();
    }

    /**
     * Fails unless every field of {@code sent} is in {@code read} with the same value. Numbers compare by
     * value whether written as JSON numbers or decimal strings ("10.00" equals 10), since the API answers
     * money as decimal strings; a null sent may come back absent, as the wire format leaves out nulls.
     */
    public static void assertReadBackEqual(final JsonNode sent, final JsonNode read) {
        compare("", sent, read);
    }

    private static void compare(final String path, final JsonNode sent, final JsonNode read) {
        if (sent.isNull()) {
            // The wire format leaves out nulls: absent and null mean the same.
            assertTrue(read == null || read.isNull(), path + " was sent null but is " + read);
            return;
        }
        if (read == null || read.isMissingNode()) {
            fail(path + " was sent but is missing from the answer");
        }
        if (sent.isObject()) {
            assertTrue(read.isObject(), path + " should be an object: " + read);
            final Iterator<Map.Entry<String, JsonNode>> fields = sent.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                compare(path + "." + field.getKey(), field.getValue(), read.get(field.getKey()));
            }
        } else if (sent.isArray()) {
            assertTrue(read.isArray(), path + " should be a list: " + read);
            assertEquals(sent.size(), read.size(), path + " size");
            for (int i = 0; i < sent.size(); i++) {
                compare(path + "[" + i + "]", sent.get(i), read.get(i));
            }
        } else if (decimal(sent).isPresent()) {
            final Optional<BigDecimal> value = decimal(read);
            assertTrue(value.isPresent(), path + " should be a number: " + read);
            assertEquals(0, decimal(sent).orElseThrow().compareTo(value.get()), path + ": sent " + sent
                + ", read " + read);
        } else if (sent.isTextual() && isInstant(sent.textValue())) {
            assertEquals(Instant.parse(sent.textValue()), Instant.parse(read.asText()), path);
        } else {
            assertEquals(sent, read, path);
        }
    }

    private static Optional<BigDecimal> decimal(final JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(new BigDecimal(node.textValue()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isInstant(final String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every record of {@code topic} under {@code key}, read from the beginning with a plain consumer. */
    public static <V> List<V> readTopic(final Topic<String, V> topic, final String key) {
        final List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
            ClientConfigs.tailingConsumer(SharedKafka.bootstrapServers(), unique("test-reader")))) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final Instant deadline = Instant.now().plusSeconds(30);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                assertTrue(Instant.now().isBefore(deadline), "reading " + topic.name() + " took too long");
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        values.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                    }
                }
            }
        }
        return values;
    }
}
