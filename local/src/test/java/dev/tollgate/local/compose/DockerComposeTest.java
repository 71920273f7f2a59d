package dev.tollgate.local.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's docker-compose.yml: the topology the README describes, and no secret with a default. */
class DockerComposeTest {

    private static final Path FILE = Path.of("..", "docker-compose.yml");
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final List<String> TOLLGATE = List.of("api", "rater-1", "rater-2");
    private static final Pattern SECRET = Pattern.compile("TOLLGATE_.*(KEY|SECRET)");
    /** Compose's "required" form: no value is used in its place, Compose stops with the message. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{(TOLLGATE_[A-Z_]+):\\?[^}]+}");

    @Test
    void shouldRunThreeBrokersThatEachAreAControllerAndReplicateThreeTimes() throws IOException {
        final Map<String, Map<String, Object>> services = services();
        assertEquals(new TreeSet<>(List.of("kafka-1", "kafka-2", "kafka-3", "api", "rater-1", "rater-2")),
            new TreeSet<>(services.keySet()));
        final Set<String> nodeIds = new TreeSet<>();
        for (final String broker : BROKERS) {
            final Map<String, Object> service = services.get(broker);
            final Map<String, String> env = environment(service);
            assertEquals("apache/kafka:4.1.1", service.get("image"), broker);
            assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"), broker);
            assertEquals("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"),
                broker);
            assertEquals("PLAINTEXT://" + broker + ":9092", env.get("KAFKA_ADVERTISED_LISTENERS"), broker);
            assertEquals("3", env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"), broker);
            assertEquals("2", env.get("KAFKA_MIN_INSYNC_REPLICAS"), broker);
            assertEquals("3", env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"), broker);
            assertEquals("3", env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"), broker);
            assertEquals("2", env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"), broker);
            nodeIds.add(env.get("KAFKA_NODE_ID"));
        }
        assertEquals(Set.of("1", "2", "3"), nodeIds);
        assertEquals(1, BROKERS.stream().map(b -> environment(services.get(b)).get("CLUSTER_ID")).distinct().count(),
            "one cluster id for the three brokers");
    }

    @Test
    void shouldRunOneApiServiceAndTwoRatersAgainstAllThreeBrokers() throws IOException {
        final Map<String, Map<String, Object>> services = services();
        assertEquals("plan-api,ingest", environment(services.get("api")).get("TOLLGATE_COMPONENTS"));
        assertEquals("rater", environment(services.get("rater-1")).get("TOLLGATE_COMPONENTS"));
        assertEquals("rater", environment(services.get("rater-2")).get("TOLLGATE_COMPONENTS"));
        for (final String name : TOLLGATE) {
            final Map<String, String> env = environment(services.get(name));
            assertEquals("kafka-1:9092,kafka-2:9092,kafka-3:9092", env.get("TOLLGATE_KAFKA_BOOTSTRAP"), name);
            assertEquals("3", env.get("TOLLGATE_REPLICATION"), name);
            assertEquals(name, env.get("TOLLGATE_ADVERTISED_HOST"), name);
            assertEquals(Set.copyOf(BROKERS), dependsOn(services.get(name)), name);
        }
        assertNotEquals(environment(services.get("rater-1")).get("TOLLGATE_DATA_DIR") + volumes(services.get("rater-1")),
            environment(services.get("rater-2")).get("TOLLGATE_DATA_DIR") + volumes(services.get("rater-2")),
            "each rater keeps its state in a volume of its own");
    }

    @Test
    void shouldGiveNoKeyOrSecretADefault() throws IOException {
        final Map<String, Map<String, Object>> services = services();
        int secrets = 0;
        for (final Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (final Map.Entry<String, String> variable : environment(service.getValue()).entrySet()) {
                if (SECRET.matcher(variable.getKey()).matches()) {
                    final var required = REQUIRED.matcher(variable.getValue());
                    assertTrue(required.matches() && required.group(1).equals(variable.getKey()),
                        service.getKey() + " " + variable.getKey() + " must be ${" + variable.getKey()
                            + ":?...}, not " + variable.getValue());
                    secrets++;
                }
            }
        }
        assertEquals(TOLLGATE.size() * 2, secrets, "admin and ingest key on every Tollgate service");
        assertFalse(Files.readString(FILE).contains("change-me"));
    }

    @Test
    void shouldBeAcceptedByComposeWithTheKeysSetAndRefusedWithout() throws Exception {
        assumeTrue(!composeCommand().isEmpty(), "neither docker compose nor docker-compose is installed here");
        final Answer accepted = compose(Map.of("TOLLGATE_ADMIN_KEY", "a", "TOLLGATE_INGEST_KEY", "i"));
        assertEquals(0, accepted.exit(), accepted.output());
        final Answer refused = compose(Map.of("TOLLGATE_INGEST_KEY", "i"));
        assertNotEquals(0, refused.exit(), refused.output());
        assertTrue(refused.output().contains("set TOLLGATE_ADMIN_KEY"), refused.output());
    }

    private record Answer(int exit, String output) {
    }

    /** Compose v2 (the docker CLI plugin) where it is installed, else Compose v1's own command; empty for neither. */
    private static List<String> composeCommand() {
        for (final List<String> command : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                final List<String> version = new ArrayList<>(command);
                version.add("version");
                final Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return command;
                }
            } catch (IOException notInstalled) {
                // Try the next form.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private static Answer compose(final Map<String, String> env) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", FILE.toString(), "config", "-q"));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TOLLGATE_"));
        builder.environment().putAll(env);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker compose config did not finish");
        return new Answer(process.exitValue(), output);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        final Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Files.readString(FILE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** Values as Compose passes them: every scalar becomes the variable's string. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(final Map<String, Object> service) {
        final Map<String, String> env = new java.util.TreeMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((name, value) -> env.put(name, String.valueOf(value)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> dependsOn(final Map<String, Object> service) {
        return ((Map<String, Object>) service.get("depends_on")).keySet();
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(final Map<String, Object> service) {
        return (List<String>) service.get("volumes");
    }
}
