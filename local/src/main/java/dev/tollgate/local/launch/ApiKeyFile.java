package dev.tollgate.local.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Generated API keys for a process started without {@code TOLLGATE_ADMIN_KEY} /
 * {@code TOLLGATE_INGEST_KEY}. They are kept in the data dir so that a restart keeps answering the
 * keys that were printed the first time.
 */
final class ApiKeyFile {

    static final String FILE_NAME = "api-keys.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFile() {
    }

    static LaunchSettings withKeys(final LaunchSettings settings) {
        if (settings.adminKey() != null && settings.ingestKey() != null) {
            return settings;
        }
        final Path file = settings.dataDir().resolve(FILE_NAME);
        final Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
            }
            boolean changed = false;
            if (keys.getProperty("admin") == null) {
                keys.setProperty("admin", "tg_admin_" + randomHex());
                changed = true;
            }
            if (keys.getProperty("ingest") == null) {
                keys.setProperty("ingest", "tg_ingest_" + randomHex());
                changed = true;
            }
            if (changed) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    keys.store(out, "API keys generated because TOLLGATE_ADMIN_KEY / TOLLGATE_INGEST_KEY were unset");
                }
            }
        } catch (IOException e) {
            throw new LaunchException("cannot read or write the generated API keys in " + file + ": " + e, e);
        }
        return settings.withKeys(
            settings.adminKey() != null ? settings.adminKey() : keys.getProperty("admin"),
            settings.ingestKey() != null ? settings.ingestKey() : keys.getProperty("ingest"));
    }

    private static String randomHex() {
        final byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
