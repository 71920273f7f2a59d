package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {

    @TempDir
    Path temp;

    @Test
    void shouldWriteGeneratedKeysReadableByTheOwnerOnly() throws IOException {
        final LaunchSettings keyed = ApiKeyFile.withKeys(settings(Map.of()));

        final Path file = temp.resolve(ApiKeyFile.FILE_NAME);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertTrue(Files.readString(file).contains(keyed.adminKey()));
        assertNotEquals(keyed.adminKey(), keyed.ingestKey());
    }

    @Test
    void shouldTightenALooserFileAndKeepItsKeys() throws IOException {
        final Path file = Files.writeString(temp.resolve(ApiKeyFile.FILE_NAME), "admin=a-1\ningest=i-1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        final LaunchSettings keyed = ApiKeyFile.withKeys(settings(Map.of()));

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals("a-1", keyed.adminKey());
        assertEquals("i-1", keyed.ingestKey());
    }

    @Test
    void shouldRefuseTheSameKeyForAdminAndIngestFromTheEnvironment() {
        final LaunchException error = assertThrows(LaunchException.class, () -> ApiKeyFile.withKeys(settings(Map.of(
            "TOLLGATE_ADMIN_KEY", "one-key", "TOLLGATE_INGEST_KEY", "one-key"))));
        assertTrue(error.getMessage().startsWith("TOLLGATE_ADMIN_KEY and TOLLGATE_INGEST_KEY are the same key"),
            error.getMessage());
        assertTrue(!error.getMessage().contains("one-key"), "the key itself is not repeated: " + error.getMessage());
    }

    @Test
    void shouldRefuseTheSameKeyForAdminAndIngestFromTheFile() throws IOException {
        final Path file = Files.writeString(temp.resolve(ApiKeyFile.FILE_NAME), "admin=same\ningest=same\n");

        final LaunchException error = assertThrows(LaunchException.class,
            () -> ApiKeyFile.withKeys(settings(Map.of())));
        assertTrue(error.getMessage().startsWith("the admin key in " + file + " and the ingest key in " + file
            + " are the same key"), error.getMessage());
    }

    @Test
    void shouldRefuseAnEnvironmentAdminKeyEqualToTheIngestKeyInTheFile() throws IOException {
        Files.writeString(temp.resolve(ApiKeyFile.FILE_NAME), "admin=old\ningest=shared\n");

        final LaunchException error = assertThrows(LaunchException.class,
            () -> ApiKeyFile.withKeys(settings(Map.of("TOLLGATE_ADMIN_KEY", "shared"))));
        assertTrue(error.getMessage().startsWith("TOLLGATE_ADMIN_KEY and the ingest key in "), error.getMessage());
    }

    private LaunchSettings settings(final Map<String, String> keys) {
        final Map<String, String> env = new java.util.HashMap<>(keys);
        env.put("TOLLGATE_DATA_DIR", temp.toString());
        return LaunchSettings.fromEnvironment(env);
    }
}
