package dev.tollgate.local.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

/**
 * Generated API keys for a process started without {@code TOLLGATE_ADMIN_KEY} /
 * {@code TOLLGATE_INGEST_KEY}. They are kept in the data dir so that a restart keeps answering the
 * keys that were printed the first time. The file holds secrets, so only its owner may read it.
 */
final class ApiKeyFile {

    static final String FILE_NAME = "api-keys.properties";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFile() {
    }

    /** The settings with both keys, generated where unset; refuses an admin key equal to the ingest key. */
    static LaunchSettings withKeys(final LaunchSettings settings) {
        final Path file = location(settings);
        if (settings.adminKey() != null && settings.ingestKey() != null) {
            requireDistinct(settings, settings, file);
            return settings;
        }
        final Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                restrictToOwner(file);
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
                write(file, keys);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot read or write the generated API keys in " + file + ": " + e, e);
        }
        final LaunchSettings keyed = settings.withKeys(
            settings.adminKey() != null ? settings.adminKey() : keys.getProperty("admin"),
            settings.ingestKey() != null ? settings.ingestKey() : keys.getProperty("ingest"));
        requireDistinct(settings, keyed, file);
        return keyed;
    }

    static Path location(final LaunchSettings settings) {
        return settings.dataDir().resolve(FILE_NAME);
    }

    /** An ingest client holding the admin key could rewrite the catalog; one key for both is a mistake. */
    private static void requireDistinct(final LaunchSettings requested, final LaunchSettings keyed, final Path file) {
        if (keyed.adminKey().equals(keyed.ingestKey())) {
            throw new LaunchException(source("admin", requested.adminKey(), "TOLLGATE_ADMIN_KEY", file) + " and "
                + source("ingest", requested.ingestKey(), "TOLLGATE_INGEST_KEY", file) + " are the same key; "
                + "the admin key must differ from the ingest key, or every event producer could manage the catalog");
        }
    }

    private static String source(final String kind, final String fromEnvironment, final String variable,
                                 final Path file) {
        return fromEnvironment != null ? variable : "the " + kind + " key in " + file;
    }

    private static void write(final Path file, final Properties keys) throws IOException {
        if (!Files.exists(file) && supportsPosix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            keys.store(out, "API keys generated because TOLLGATE_ADMIN_KEY / TOLLGATE_INGEST_KEY were unset");
        }
    }

    /** Tightens a file an earlier version or a hand wrote with looser permissions. */
    private static void restrictToOwner(final Path file) throws IOException {
        if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean supportsPosix(final Path file) throws IOException {
        return Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
    }

    private static String randomHex() {
        final byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
