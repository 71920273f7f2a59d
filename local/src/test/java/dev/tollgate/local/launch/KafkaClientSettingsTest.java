package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

    @TempDir
    Path temp;

    @Test
    void shouldSetNothingWhenNoVariableIsSet() {
        final KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(Map.of());
        assertEquals(Map.of(), settings.properties());
        assertEquals("PLAINTEXT", settings.describe());
    }

    @Test
    void shouldMapTheSecurityVariablesToKafkaProperties() throws IOException {
        final Path truststore = Files.writeString(temp.resolve("truststore.p12"), "x");
        final KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(Map.of(
            "TOLLGATE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "TOLLGATE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "TOLLGATE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"u\" password=\"hunter2\";",
            "TOLLGATE_KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
            "TOLLGATE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-pass",
            "TOLLGATE_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12"));

        assertEquals("SASL_SSL", settings.properties().get("security.protocol"));
        assertEquals("SCRAM-SHA-512", settings.properties().get("sasl.mechanism"));
        assertEquals(truststore.toString(), settings.properties().get("ssl.truststore.location"));
        assertEquals("trust-pass", settings.properties().get("ssl.truststore.password"));
        assertEquals("PKCS12", settings.properties().get("ssl.truststore.type"));
        assertEquals("SASL_SSL (SCRAM-SHA-512)", settings.describe());
        assertEquals(settings.properties(), settings.clientProperties().properties());
        for (final String shown : new String[] {settings.toString(), settings.clientProperties().toString()}) {
            assertFalse(shown.contains("hunter2") || shown.contains("trust-pass"), shown);
        }
    }

    @Test
    void shouldReadFurtherPropertiesFromTheFile() throws IOException {
        final Path file = Files.writeString(temp.resolve("client.properties"),
            "security.protocol=SSL\nssl.endpoint.identification.algorithm=\nclient.dns.lookup=use_all_dns_ips\n");

        final KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(Map.of(
            "TOLLGATE_KAFKA_PROPERTIES", file.toString()));

        assertEquals("SSL", settings.properties().get("security.protocol"));
        assertEquals("", settings.properties().get("ssl.endpoint.identification.algorithm"));
        assertEquals("use_all_dns_ips", settings.properties().get("client.dns.lookup"));
        assertEquals("SSL", settings.describe());
    }

    @Test
    void shouldRefuseAPropertyNoKafkaClientKnows() throws IOException {
        final Path file = Files.writeString(temp.resolve("client.properties"), "sasl.jaas.confg=x\n");

        final LaunchException error = assertThrows(LaunchException.class, () -> KafkaClientSettings.fromEnvironment(
            Map.of("TOLLGATE_KAFKA_PROPERTIES", file.toString())));
        assertTrue(error.getMessage().startsWith("TOLLGATE_KAFKA_PROPERTIES (" + file + ") sets 'sasl.jaas.confg', "
            + "which no Kafka producer, consumer, admin or Streams client knows"), error.getMessage());
    }

    @Test
    void shouldRefuseAProtocolKafkaDoesNotHave() {
        final LaunchException error = assertThrows(LaunchException.class, () -> KafkaClientSettings.fromEnvironment(
            Map.of("TOLLGATE_KAFKA_SECURITY_PROTOCOL", "TLS")));
        assertEquals("TOLLGATE_KAFKA_SECURITY_PROTOCOL: security.protocol must be one of PLAINTEXT, SSL, "
            + "SASL_PLAINTEXT, SASL_SSL, not 'TLS'", error.getMessage());
    }

    @Test
    void shouldRefuseAFileThatCannotBeRead() {
        final Path missing = temp.resolve("missing.properties");
        final LaunchException error = assertThrows(LaunchException.class, () -> KafkaClientSettings.fromEnvironment(
            Map.of("TOLLGATE_KAFKA_PROPERTIES", missing.toString())));
        assertTrue(error.getMessage().startsWith("TOLLGATE_KAFKA_PROPERTIES: cannot read the Kafka client properties "
            + "file " + missing), error.getMessage());
    }

    @Test
    void shouldRefuseAKeystoreThatCannotBeRead() {
        final Path missing = temp.resolve("keystore.p12");
        final LaunchException error = assertThrows(LaunchException.class, () -> KafkaClientSettings.fromEnvironment(
            Map.of("TOLLGATE_KAFKA_SECURITY_PROTOCOL", "SSL", "TOLLGATE_KAFKA_SSL_KEYSTORE_LOCATION",
                missing.toString())));
        assertEquals("TOLLGATE_KAFKA_SSL_KEYSTORE_LOCATION: ssl.keystore.location " + missing
            + " is not a readable file", error.getMessage());
    }

    @Test
    void shouldRefuseAPropertySetInTheFileAndByAVariable() throws IOException {
        final Path file = Files.writeString(temp.resolve("client.properties"), "security.protocol=SSL\n");
        final LaunchException error = assertThrows(LaunchException.class, () -> KafkaClientSettings.fromEnvironment(
            Map.of("TOLLGATE_KAFKA_PROPERTIES", file.toString(), "TOLLGATE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")));
        assertEquals("TOLLGATE_KAFKA_SECURITY_PROTOCOL sets security.protocol, which TOLLGATE_KAFKA_PROPERTIES ("
            + file + ") sets too; set it in one place", error.getMessage());
    }

    @Test
    void shouldRefuseASaslMechanismWithoutASaslProtocol() {
        final LaunchException error = assertThrows(LaunchException.class, () -> KafkaClientSettings.fromEnvironment(
            Map.of("TOLLGATE_KAFKA_SASL_MECHANISM", "PLAIN")));
        assertTrue(error.getMessage().startsWith("TOLLGATE_KAFKA_SASL_MECHANISM sets sasl.mechanism, but the "
            + "security protocol is PLAINTEXT (unset)"), error.getMessage());
    }
}
