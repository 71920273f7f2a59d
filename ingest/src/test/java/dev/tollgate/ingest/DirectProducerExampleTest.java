package dev.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.Json;
import dev.tollgate.testkit.SharedKafka;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The kafka-clients example of docs/ingest.md, compiled and run so that the page cannot drift from the code. */
class DirectProducerExampleTest {

    @Test
    void shouldWriteAnEventTheRaterAcceptsStraightToTheTopic() throws Exception {
        final String bootstrapServers = SharedKafka.bootstrapServers();
        final String customerId = "acme-" + UUID.randomUUID();

        // example: start
        final Map<String, Object> config = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (Producer<String, String> producer = new KafkaProducer<>(config)) {
            final String event = """
                {"id": "call-7f3a", "type": "call_ended", "customer_id": "%s",
                 "timestamp": "2026-01-31T12:00:00Z",
                 "properties": {"seconds": 125, "direction": "inbound"}}""".formatted(customerId);
            // Key = customer_id; wait for the acknowledgement before counting the event as sent.
            producer.send(new ProducerRecord<>("tollgate.usage-events", customerId, event)).get(10, TimeUnit.SECONDS);
        }
        // example: end

        final List<ConsumerRecord<String, byte[]>> records = UsageTopic.recordsOf(bootstrapServers, customerId,
            received -> !received.isEmpty());
        final UsageEventReader.Result read = UsageEventReader.read(Json.tree(records.get(0).value()), Instant.now());
        assertTrue(read.valid(), read.errors().toString());
        assertEquals("call-7f3a", read.event().id());
        assertEquals(customerId, read.event().customerId());
    }
}
