package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartBannerTest {

    /** As TollgateJarIT reads the printed keys. */
    private static final Pattern KEY = Pattern.compile("(admin|ingest) key:\\s+(\\S+)");

    @TempDir
    Path temp;

    @Test
    void shouldPrintAGeneratedKeyWithTheFileThatKeepsIt() {
        final LaunchSettings requested = LaunchSettings.fromEnvironment(Map.of("TOLLGATE_DATA_DIR", temp.toString()));
        final LaunchSettings running = requested.withKeys("tg_admin_abc", "tg_ingest_def");

        final String banner = render(requested, running);

        assertTrue(banner.contains("admin key:   tg_admin_abc  (generated, kept in "
            + temp.resolve(ApiKeyFile.FILE_NAME) + ")"), banner);
        assertTrue(banner.contains("ingest key:  tg_ingest_def  (generated, kept in "), banner);
        assertTrue(banner.contains("console:     http://127.0.0.1:8080/console\n"), banner);
        final Matcher matcher = KEY.matcher(banner);
        assertTrue(matcher.find() && matcher.group(2).equals("tg_admin_abc"), banner);
    }

    @Test
    void shouldNotPrintAKeySetInTheEnvironment() {
        final LaunchSettings requested = LaunchSettings.fromEnvironment(Map.of("TOLLGATE_DATA_DIR", temp.toString(),
            "TOLLGATE_ADMIN_KEY", "secret-admin-value"));
        final LaunchSettings running = requested.withKeys("secret-admin-value", "tg_ingest_def");

        final String banner = render(requested, running);

        assertFalse(banner.contains("secret-admin-value"), banner);
        assertTrue(banner.contains("admin key:   (set by TOLLGATE_ADMIN_KEY)"), banner);
        assertTrue(banner.contains("ingest key:  tg_ingest_def"), banner);
    }

    private static String render(final LaunchSettings requested, final LaunchSettings running) {
        return StartBanner.render(requested, running, "http://127.0.0.1:8080", "127.0.0.1:9092",
            Duration.ofMillis(1500));
    }
}
