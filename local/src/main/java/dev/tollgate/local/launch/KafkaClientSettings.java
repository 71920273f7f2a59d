package dev.tollgate.local.launch;

import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.KafkaClientProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka client properties every client of this process starts from: how to reach and
 * authenticate to the cluster. They come from the {@code TOLLGATE_KAFKA_*} security variables and
 * from the properties file {@code TOLLGATE_KAFKA_PROPERTIES} names (as Kafka's own tools take
 * {@code --command-config}); Tollgate's own client settings are applied on top of them
 * ({@link ClientConfigs}).
 *
 * <p>The values include passwords and the JAAS config: {@link #toString()} and {@link #describe()}
 * show names and the protocol only.
 */
public record KafkaClientSettings(Map<String, String> properties) {

    public static final String FILE_VARIABLE = "TOLLGATE_KAFKA_PROPERTIES";
    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /** Each variable and the Kafka client property it sets. */
    private static final Map<String, String> VARIABLES = variables();
    /** Properties naming a file the client opens; a path it cannot read would fail later and less clearly. */
    private static final Set<String> FILES = Set.of(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
        SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
    private static final Set<String> KNOWN = known();

    public KafkaClientSettings {
        properties = Map.copyOf(properties);
    }

    public static KafkaClientSettings fromEnvironment(final Map<String, String> env) {
        final Map<String, String> properties = new HashMap<>();
        final Map<String, String> sources = new HashMap<>();
        final String file = blankToNull(env.get(FILE_VARIABLE));
        if (file != null) {
            read(Path.of(file)).forEach((name, value) -> {
                properties.put(name, value);
                sources.put(name, FILE_VARIABLE + " (" + file + ")");
            });
        }
        VARIABLES.forEach((variable, name) -> {
            final String value = blankToNull(env.get(variable));
            if (value == null) {
                return;
            }
            if (properties.containsKey(name)) {
                throw new LaunchException(variable + " sets " + name + ", which " + sources.get(name)
                    + " sets too; set it in one place");
            }
            properties.put(name, value);
            sources.put(name, variable);
        });
        check(properties, sources);
        return new KafkaClientSettings(properties);
    }

    /** What the application context is given, for its Kafka clients to start from. */
    public KafkaClientProperties clientProperties() {
        return new KafkaClientProperties(properties);
    }

    /** "SASL_SSL (SCRAM-SHA-512)", "SSL", "PLAINTEXT": what the start-up banner may show. */
    public String describe() {
        final String protocol = properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        final String mechanism = properties.get(SaslConfigs.SASL_MECHANISM);
        return protocol.startsWith("SASL_") ? protocol + " (" + (mechanism == null ? "GSSAPI" : mechanism) + ")"
            : protocol;
    }

    @Override
    public String toString() {
        return "KafkaClientSettings" + new TreeSet<>(properties.keySet());
    }

    private static Map<String, String> read(final Path file) {
        final Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new LaunchException(FILE_VARIABLE + ": cannot read the Kafka client properties file " + file
                + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); expected a readable Java "
                + "properties file", e);
        }
        final Map<String, String> properties = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> properties.put(name.trim(), loaded.getProperty(name).trim()));
        return properties;
    }

    private static void check(final Map<String, String> properties, final Map<String, String> sources) {
        properties.keySet().stream().sorted().forEach(name -> {
            if (!KNOWN.contains(name)) {
                throw new LaunchException(sources.get(name) + " sets '" + name + "', which no Kafka producer, "
                    + "consumer, admin or Streams client knows; expected Kafka client property names such as "
                    + "security.protocol or sasl.mechanism");
            }
        });
        final String protocol = properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            throw new LaunchException(sources.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                + ": security.protocol must be one of " + String.join(", ", PROTOCOLS) + ", not '" + protocol + "'");
        }
        if (properties.containsKey(SaslConfigs.SASL_MECHANISM) && (protocol == null
            || !protocol.startsWith("SASL_"))) {
            throw new LaunchException(sources.get(SaslConfigs.SASL_MECHANISM) + " sets sasl.mechanism, but "
                + "the security protocol is " + (protocol == null ? "PLAINTEXT (unset)" : protocol)
                + "; set TOLLGATE_KAFKA_SECURITY_PROTOCOL to SASL_PLAINTEXT or SASL_SSL");
        }
        for (final String name : FILES) {
            final String location = properties.get(name);
            if (location != null && !Files.isReadable(Path.of(location))) {
                throw new LaunchException(sources.get(name) + ": " + name + " " + location
                    + " is not a readable file");
            }
        }
    }

    private static Map<String, String> variables() {
        final Map<String, String> variables = new LinkedHashMap<>();
        variables.put("TOLLGATE_KAFKA_SECURITY_PROTOCOL", CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        variables.put("TOLLGATE_KAFKA_SASL_MECHANISM", SaslConfigs.SASL_MECHANISM);
        variables.put("TOLLGATE_KAFKA_SASL_JAAS_CONFIG", SaslConfigs.SASL_JAAS_CONFIG);
        variables.put("TOLLGATE_KAFKA_SSL_TRUSTSTORE_LOCATION", SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        variables.put("TOLLGATE_KAFKA_SSL_TRUSTSTORE_PASSWORD", SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        variables.put("TOLLGATE_KAFKA_SSL_TRUSTSTORE_TYPE", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        variables.put("TOLLGATE_KAFKA_SSL_KEYSTORE_LOCATION", SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        variables.put("TOLLGATE_KAFKA_SSL_KEYSTORE_PASSWORD", SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
        variables.put("TOLLGATE_KAFKA_SSL_KEYSTORE_TYPE", SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
        variables.put("TOLLGATE_KAFKA_SSL_KEY_PASSWORD", SslConfigs.SSL_KEY_PASSWORD_CONFIG);
        return variables;
    }

    private static Set<String> known() {
        final Set<String> names = new TreeSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(StreamsConfig.configDef().names());
        return names;
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
