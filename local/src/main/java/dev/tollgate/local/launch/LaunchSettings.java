package dev.tollgate.local.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of a Tollgate process, read from the environment (the table in the README).
 *
 * @param kafkaBootstrap an external cluster; when set, no embedded broker starts
 * @param adminKey null when unset: a key is then generated (and kept in the data dir)
 * @param lateGrace empty when unset: the rater's default ({@code tollgate.rater.late-grace}) holds
 * @param replication the replication factor of the topics this process creates; empty for the
 *                    cluster's {@code default.replication.factor} (1 on the embedded broker)
 * @param instanceSecret null when unset: instances then derive it from the admin key they share
 * @param kafkaClient the Kafka client properties (security) every client of this process starts from
 */
public record LaunchSettings(String httpHost, int httpPort, int kafkaPort, String kafkaBootstrap, Path dataDir,
                             Set<Component> components, String adminKey, String ingestKey, Optional<Duration> lateGrace,
                             int partitions, String advertisedHost, Optional<Short> replication,
                             String instanceSecret, KafkaClientSettings kafkaClient) {

    public static final String DEFAULT_COMPONENTS = "broker,plan-api,ingest,rater";

    public static LaunchSettings fromEnvironment(final Map<String, String> env) {
        final String host = env.getOrDefault("TOLLGATE_HTTP_HOST", "127.0.0.1");
        final String bootstrap = blankToNull(env.get("TOLLGATE_KAFKA_BOOTSTRAP"));
        final Set<Component> components = components(env.getOrDefault("TOLLGATE_COMPONENTS", DEFAULT_COMPONENTS));
        if (bootstrap != null) {
            components.remove(Component.BROKER);
        } else if (!components.contains(Component.BROKER)) {
            throw new LaunchException("TOLLGATE_KAFKA_BOOTSTRAP is required when this process runs no broker "
                + "(TOLLGATE_COMPONENTS=" + env.get("TOLLGATE_COMPONENTS") + ")");
        }
        final KafkaClientSettings kafkaClient = KafkaClientSettings.fromEnvironment(env);
        if (bootstrap == null && !kafkaClient.properties().isEmpty()) {
            // The embedded broker takes plaintext clients on loopback only; these would fail to reach it.
            throw new LaunchException("the TOLLGATE_KAFKA_* client settings " + kafkaClient.properties().keySet()
                .stream().sorted().toList() + " are for an external cluster: set TOLLGATE_KAFKA_BOOTSTRAP, or unset "
                + "them to run the embedded broker");
        }
        return new LaunchSettings(host,
            port(env, "TOLLGATE_HTTP_PORT", 8080),
            port(env, "TOLLGATE_KAFKA_PORT", 9092),
            bootstrap,
            Path.of(env.getOrDefault("TOLLGATE_DATA_DIR", "./data")).toAbsolutePath().normalize(),
            components,
            blankToNull(env.get("TOLLGATE_ADMIN_KEY")),
            blankToNull(env.get("TOLLGATE_INGEST_KEY")),
            duration(env, "TOLLGATE_LATE_GRACE"),
            count(env, "TOLLGATE_PARTITIONS", 4),
            env.getOrDefault("TOLLGATE_ADVERTISED_HOST", "0.0.0.0".equals(host) ? "localhost" : host),
            replication(env, bootstrap != null),
            blankToNull(env.get("TOLLGATE_INSTANCE_SECRET")),
            kafkaClient);
    }

    public boolean runs(final Component component) {
        return components.contains(component);
    }

    public LaunchSettings withKeys(final String admin, final String ingest) {
        return new LaunchSettings(httpHost, httpPort, kafkaPort, kafkaBootstrap, dataDir, components, admin, ingest,
            lateGrace, partitions, advertisedHost, replication, instanceSecret, kafkaClient);
    }

    private static Optional<Short> replication(final Map<String, String> env, final boolean externalCluster) {
        if (blankToNull(env.get("TOLLGATE_REPLICATION")) == null) {
            return Optional.empty();
        }
        final int factor = count(env, "TOLLGATE_REPLICATION", 1);
        if (factor > Short.MAX_VALUE) {
            throw new LaunchException("TOLLGATE_REPLICATION must be at most " + Short.MAX_VALUE + ", not " + factor);
        }
        if (!externalCluster && factor != 1) {
            throw new LaunchException("TOLLGATE_REPLICATION=" + factor + " needs a cluster of as many brokers; the "
                + "embedded broker is one, so set TOLLGATE_KAFKA_BOOTSTRAP or leave TOLLGATE_REPLICATION unset");
        }
        return Optional.of((short) factor);
    }

    private static Set<Component> components(final String list) {
        final Set<Component> components = EnumSet.noneOf(Component.class);
        try {
            Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Component::fromWire).forEach(components::add);
        } catch (IllegalArgumentException e) {
            throw new LaunchException("TOLLGATE_COMPONENTS: " + e.getMessage());
        }
        if (components.isEmpty()) {
            throw new LaunchException("TOLLGATE_COMPONENTS names no component; expected a list such as "
                + DEFAULT_COMPONENTS);
        }
        return components;
    }

    private static int port(final Map<String, String> env, final String name, final int fallback) {
        final int port = count(env, name, fallback);
        if (port > 65_535) {
            throw new LaunchException(name + " must be a port from 1 to 65535, not " + env.get(name));
        }
        return port;
    }

    private static int count(final Map<String, String> env, final String name, final int fallback) {
        final String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            final int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new LaunchException(name + " must be a positive whole number, not '" + value + "'");
        }
    }

    private static Optional<Duration> duration(final Map<String, String> env, final String name) {
        final String value = blankToNull(env.get(name));
        if (value == null) {
            return Optional.empty();
        }
        try {
            final Duration parsed = Duration.parse(value.trim());
            if (parsed.isNegative()) {
                throw new LaunchException(name + " must not be negative, not " + value);
            }
            return Optional.of(parsed);
        } catch (DateTimeParseException e) {
            throw new LaunchException(name + " must be an ISO-8601 duration such as PT1H, not '" + value + "'");
        }
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
