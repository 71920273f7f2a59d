package dev.tollgate.model.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {

    /** Properties an operator might set, some of which would weaken what Tollgate relies on. */
    private static final Map<String, Object> BASE = Map.of(
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512",
        "acks", "0",
        "enable.idempotence", "false",
        "isolation.level", "read_uncommitted",
        "enable.auto.commit", "true",
        "bootstrap.servers", "elsewhere:9092",
        "client.id", "someone-else");

    @Test
    void shouldKeepTheOperatorsSecurityAndTollgatesBoundsOnTopInAProducer() {
        final Map<String, Object> config = ClientConfigs.reliableProducer(BASE, "kafka:9092", "tollgate-ingest",
            Duration.ofSeconds(5));

        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("all", config.get("acks"));
        assertEquals(true, config.get("enable.idempotence"));
        assertEquals(5000L, config.get("max.block.ms"));
        assertEquals("kafka:9092", config.get("bootstrap.servers"));
        assertEquals("tollgate-ingest", config.get("client.id"));
    }

    @Test
    void shouldKeepTollgatesIsolationAndCommitsOnTopInAConsumer() {
        final Map<String, Object> config = ClientConfigs.tailingConsumer(BASE, "kafka:9092", "reader");

        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("read_committed", config.get("isolation.level"));
        assertEquals(false, config.get("enable.auto.commit"));
        assertEquals("reader", config.get("client.id"));
    }

    @Test
    void shouldGiveAnAdminTheOperatorsSecurityWithTollgatesClusterAndName() {
        final Map<String, Object> config = ClientConfigs.admin(BASE, "kafka:9092", "tollgate-health");

        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("kafka:9092", config.get("bootstrap.servers"));
        assertEquals("tollgate-health", config.get("client.id"));
    }
}
