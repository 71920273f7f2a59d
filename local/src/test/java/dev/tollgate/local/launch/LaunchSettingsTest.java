package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

    @Test
    void shouldDefaultToTheWholePipelineOnLoopback() {
        final LaunchSettings settings = LaunchSettings.fromEnvironment(Map.of());
        assertEquals("127.0.0.1", settings.httpHost());
        assertEquals(8080, settings.httpPort());
        assertEquals(9092, settings.kafkaPort());
        assertNull(settings.kafkaBootstrap());
        assertEquals(EnumSet.allOf(Component.class), settings.components());
        assertEquals(Optional.empty(), settings.lateGrace());
        assertTrue(settings.dataDir().endsWith("data"));
        assertNull(settings.adminKey());
    }

    @Test
    void shouldStartNoBrokerWhenABootstrapIsGiven() {
        final LaunchSettings settings = LaunchSettings.fromEnvironment(Map.of(
            "TOLLGATE_KAFKA_BOOTSTRAP", "kafka:9092", "TOLLGATE_COMPONENTS", "broker,rater"));
        assertEquals(EnumSet.of(Component.RATER), settings.components());
        assertEquals("kafka:9092", settings.kafkaBootstrap());
    }

    @Test
    void shouldTakeTheClustersReplicationUnlessToldOtherwise() {
        assertEquals(Optional.empty(), LaunchSettings.fromEnvironment(Map.of(
            "TOLLGATE_KAFKA_BOOTSTRAP", "kafka:9092")).replication());
        assertEquals(Optional.of((short) 3), LaunchSettings.fromEnvironment(Map.of(
            "TOLLGATE_KAFKA_BOOTSTRAP", "kafka:9092", "TOLLGATE_REPLICATION", "3")).replication());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "TOLLGATE_HTTP_PORT|eighty|TOLLGATE_HTTP_PORT must be a positive whole number",
        "TOLLGATE_HTTP_PORT|70000|TOLLGATE_HTTP_PORT must be a port from 1 to 65535",
        "TOLLGATE_KAFKA_PORT|-1|TOLLGATE_KAFKA_PORT must be a positive whole number",
        "TOLLGATE_COMPONENTS|rater,billing|TOLLGATE_COMPONENTS: unknown component 'billing'",
        "TOLLGATE_COMPONENTS|rater|TOLLGATE_KAFKA_BOOTSTRAP is required",
        "TOLLGATE_COMPONENTS|' , '|TOLLGATE_COMPONENTS names no component",
        "TOLLGATE_LATE_GRACE|1 hour|TOLLGATE_LATE_GRACE must be an ISO-8601 duration",
        "TOLLGATE_LATE_GRACE|-PT1H|TOLLGATE_LATE_GRACE must not be negative",
        "TOLLGATE_REPLICATION|three|TOLLGATE_REPLICATION must be a positive whole number",
        "TOLLGATE_REPLICATION|0|TOLLGATE_REPLICATION must be a positive whole number",
        "TOLLGATE_REPLICATION|3|TOLLGATE_REPLICATION=3 needs a cluster of as many brokers",
        "TOLLGATE_KAFKA_SECURITY_PROTOCOL|SASL_SSL|the TOLLGATE_KAFKA_* client settings [security.protocol] are for an "
            + "external cluster: set TOLLGATE_KAFKA_BOOTSTRAP",
    })
    void shouldRefuseBadSettingsNamingTheVariable(final String variable, final String value, final String message) {
        final LaunchException error = assertThrows(LaunchException.class,
            () -> LaunchSettings.fromEnvironment(Map.of(variable, value)));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }
}
