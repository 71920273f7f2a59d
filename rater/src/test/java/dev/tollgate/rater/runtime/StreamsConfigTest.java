package dev.tollgate.rater.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsConfigTest {

    @Test
    void shouldPassTheOperatorsSecurityToStreamsAndKeepExactlyOnceOnTop() {
        final Properties config = RaterStreams.streamsConfig(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "processing.guarantee", "at_least_once",
                "application.id", "someone-else",
                "bootstrap.servers", "elsewhere:9092"),
            "kafka:9092", Path.of("/tmp/tollgate"), "tollgate-rater", 1, "rater-1:8080");

        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;",
            config.get("sasl.jaas.config"));
        assertEquals("exactly_once_v2", config.get("processing.guarantee"));
        assertEquals("tollgate-rater", config.get("application.id"));
        assertEquals("kafka:9092", config.get("bootstrap.servers"));
    }
}
