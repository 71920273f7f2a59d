package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.broker.EmbeddedKafkaBroker;
import dev.tollgate.broker.ScramListener;
import dev.tollgate.local.launch.LaunchException;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.StartBanner;
import dev.tollgate.local.launch.Tollgate;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tollgate against a broker that takes only authenticated clients: every Kafka client of the
 * process (plan API, ingest, rater and its Streams clients, health, the launcher's topic set-up)
 * logs in with SASL/SCRAM from the TOLLGATE_KAFKA_* variables, since the only port it is given is
 * the SCRAM listener's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScramEndToEndTest {

    private static final String USER = "tollgate";
    /** Micronaut would read "${...}" in a configuration value as a placeholder; a password must pass as it is. */
    private static final String PASSWORD = "scram-${not-a-placeholder}-e2e";

    private EmbeddedKafkaBroker broker;
    private ScramListener scram;

    @BeforeAll
    void startBroker() throws IOException {
        scram = ScramListener.onFreePort();
        broker = new EmbeddedKafkaBroker(Files.createTempDirectory("tollgate-scram-kafka"), 0, scram);
        broker.start();
        scram.createUser(broker, USER, PASSWORD, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldIngestAndRateAnEventOverAnAuthenticatedCluster() throws IOException {
        final LaunchSettings requested = LaunchSettings.fromEnvironment(environment(PASSWORD));
        try (Tollgate tollgate = Tollgate.start(requested)) {
            final TestHttp http = new TestHttp(tollgate.baseUrl());
            final String admin = tollgate.settings().adminKey();
            final String ingest = tollgate.settings().ingestKey();
            await().atMost(60, TimeUnit.SECONDS).until(() -> http.get("/health", null).status() == 200);

            assertEquals(201, http.post("/v1/meters", admin, "{\"code\":\"calls\",\"event_type\":\"call\","
                + "\"aggregation\":\"count\"}").status());
            assertEquals(201, http.post("/v1/plans", admin, "{\"code\":\"per_call\",\"name\":\"Per call\","
                + "\"interval\":\"monthly\",\"currency\":\"USD\",\"charges\":[{\"meter\":\"calls\","
                + "\"model\":\"standard\",\"properties\":{\"amount\":\"0.5\"}}]}").status());
            assertEquals(201, http.post("/v1/subscriptions", admin,
                "{\"id\":\"sub_scram\",\"customer_id\":\"acme\",\"plan\":\"per_call\"}").status());
            final TestHttp.Answer accepted = http.post("/v1/events", ingest,
                "{\"id\":\"evt_1\",\"type\":\"call\",\"customer_id\":\"acme\"}");
            assertEquals(202, accepted.status(), accepted.body());

            await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                final TestHttp.Answer usage = http.get("/v1/customers/acme/usage", admin);
                assertEquals(200, usage.status(), usage.body());
                assertEquals(0, new BigDecimal("0.5").compareTo(new BigDecimal(usage.json().get("total_amount")
                    .asText())), usage.body());
            });

            final String banner = StartBanner.render(requested, tollgate.settings(), tollgate.baseUrl(),
                tollgate.bootstrapServers(), Duration.ofSeconds(1));
            assertTrue(banner.contains("kafka security: SASL_PLAINTEXT (SCRAM-SHA-256)"), banner);
            assertFalse(banner.contains(PASSWORD), banner);
        }
    }

    @Test
    void shouldRefuseToStartWithWrongCredentialsSayingSoWithinBoundedTime() throws IOException {
        final Map<String, String> env = environment("not-the-password");
        final LaunchException error = assertTimeoutPreemptively(Duration.ofSeconds(60),
            () -> assertThrows(LaunchException.class, () -> Tollgate.start(LaunchSettings.fromEnvironment(env))));

        assertTrue(error.getMessage().startsWith("Kafka at " + scram.bootstrapServers()
            + " refused Tollgate's credentials (SASL_PLAINTEXT (SCRAM-SHA-256); check TOLLGATE_KAFKA_SASL_JAAS_CONFIG"),
            error.getMessage());
        assertFalse(error.getMessage().contains("not-the-password"), error.getMessage());
    }

    private Map<String, String> environment(final String password) throws IOException {
        final Map<String, String> env = new HashMap<>();
        env.put("TOLLGATE_KAFKA_BOOTSTRAP", scram.bootstrapServers());
        env.put("TOLLGATE_COMPONENTS", "plan-api,ingest,rater");
        env.put("TOLLGATE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("TOLLGATE_KAFKA_SASL_MECHANISM", ScramListener.MECHANISM);
        env.put("TOLLGATE_KAFKA_SASL_JAAS_CONFIG", ScramListener.jaasConfig(USER, password));
        env.put("TOLLGATE_HTTP_PORT", Integer.toString(PipelineScenarios.freePort()));
        env.put("TOLLGATE_DATA_DIR", Files.createTempDirectory("tollgate-scram").toString());
        env.put("TOLLGATE_PARTITIONS", "2");
        return env;
    }
}
