package dev.tollgate.local;

import static org.awaitility.Awaitility.await;

import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Tollgate, the whole pipeline on an embedded broker, for the tests of this JVM that need no
 * settings of their own: started when first asked for, stopped when the JVM ends, so each such test
 * class does not pay a start of its own. Tests that share it keep to ids (customers, plans, meters) of
 * their own.
 */
final class SharedTollgate {

    private static Tollgate tollgate;

    private SharedTollgate() {
    }

    static synchronized Tollgate get() {
        if (tollgate == null) {
            try {
                tollgate = Tollgate.start(LaunchSettings.fromEnvironment(Map.of(
                    "TOLLGATE_HTTP_PORT", Integer.toString(PipelineScenarios.freePort()),
                    "TOLLGATE_KAFKA_PORT", Integer.toString(PipelineScenarios.freePort()),
                    "TOLLGATE_DATA_DIR", Files.createTempDirectory("tollgate-shared").toString())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            final Tollgate started = tollgate;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-tollgate-stop"));
            final TestHttp http = http();
            await().atMost(60, TimeUnit.SECONDS).until(() -> http.get("/health", null).status() == 200);
        }
        return tollgate;
    }

    static TestHttp http() {
        return new TestHttp(get().baseUrl());
    }

    static String adminKey() {
        return get().settings().adminKey();
    }

    static String ingestKey() {
        return get().settings().ingestKey();
    }
}
