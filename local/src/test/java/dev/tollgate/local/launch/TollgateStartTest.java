package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TollgateStartTest {

    @TempDir
    Path temp;

    @Test
    void shouldRefuseAnHttpPortThatIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final int port = taken.getLocalPort();
            final LaunchException error = assertThrows(LaunchException.class, () -> Tollgate.start(
                LaunchSettings.fromEnvironment(Map.of("TOLLGATE_HTTP_PORT", Integer.toString(port),
                    "TOLLGATE_DATA_DIR", temp.toString()))));
            assertTrue(error.getMessage().contains("port " + port) && error.getMessage().contains("in use"),
                error.getMessage());
        }
    }

    @Test
    void shouldRefuseADataDirThatIsAFile() throws IOException {
        final Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
        final LaunchException error = assertThrows(LaunchException.class, () -> Tollgate.start(
            LaunchSettings.fromEnvironment(Map.of("TOLLGATE_DATA_DIR", file.toString()))));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }
}
