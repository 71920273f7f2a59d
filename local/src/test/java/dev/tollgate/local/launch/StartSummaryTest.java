package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartSummaryTest {

    @TempDir
    Path temp;

    @Test
    void shouldSayWhatRunsWhereAndHowLongTheStartTook() {
        final LaunchSettings settings = LaunchSettings.fromEnvironment(Map.of("TOLLGATE_DATA_DIR", temp.toString(),
            "TOLLGATE_HTTP_PORT", "8181", "TOLLGATE_KAFKA_PORT", "9192")).withKeys("tg_admin_secret", "tg_ingest_secret");

        final String line = new StartSummary(settings, "127.0.0.1:9192", true, Duration.ofMillis(7430)).line();

        assertEquals("Tollgate started in 7.4 s: components broker,plan-api,ingest,rater; HTTP on 127.0.0.1:8181; "
            + "Kafka embedded broker on 127.0.0.1:9192 (port 9192, loopback only), PLAINTEXT; data dir " + temp
            + "; topics tollgate.usage-events,tollgate.meters,tollgate.plans,tollgate.subscriptions,tollgate.coupons,"
            + "tollgate.addons,tollgate.credit-grants,tollgate.rated-usage,tollgate.usage-rejections,tollgate.usage-alerts,"
            + "tollgate.period-statements,tollgate.refund-requests,tollgate.rater-clock,tollgate.accepted-events,"
            + "tollgate.rerate-requests (created with 4 partitions where "
            + "missing); API keys in " + temp.resolve(ApiKeyFile.FILE_NAME) + " unless set in the environment", line);
        assertFalse(line.contains("secret"), "no key in the log");
    }

    @Test
    void shouldNameAnExternalCluster() {
        final LaunchSettings settings = LaunchSettings.fromEnvironment(Map.of("TOLLGATE_DATA_DIR", temp.toString(),
            "TOLLGATE_COMPONENTS", "rater", "TOLLGATE_KAFKA_BOOTSTRAP", "kafka-1:9092"));

        final String line = new StartSummary(settings, "kafka-1:9092", false, Duration.ofSeconds(3)).line();

        assertTrue(line.contains("components rater;"), line);
        assertTrue(line.contains("Kafka external cluster at kafka-1:9092, PLAINTEXT;"), line);
    }
}
