package dev.tollgate.broker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerStartFailureTest {

    @TempDir
    Path tempDir;

    @Test
    void namesThePortWhenItIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(tempDir.resolve("data"), taken.getLocalPort())) {
            final BrokerStartException e = assertThrows(BrokerStartException.class, broker::start);
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void namesTheDataDirectoryWhenItCannotBeCreated() throws Exception {
        final Path notADirectory = Files.writeString(tempDir.resolve("data"), "a file where the directory should be");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(notADirectory, 0)) {
            final BrokerStartException e = assertThrows(BrokerStartException.class, broker::start);
            assertTrue(e.getMessage().contains(notADirectory.toAbsolutePath().toString()), e.getMessage());
        }
    }

    @Test
    void namesTheDataDirectoryWhenKafkaRejectsItsStorage() throws Exception {
        final Path dataDir = tempDir.resolve("data");
        final Path logDir = Files.createDirectories(dataDir.resolve("logs"));
        Files.writeString(logDir.resolve("meta.properties"), "version=1\ncluster.id=AAAAAAAAAAAAAAAAAAAAAA\nnode.id=7\n");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0)) {
            final BrokerStartException e = assertThrows(BrokerStartException.class, broker::start);
            assertTrue(e.getMessage().contains(logDir.toAbsolutePath().toString()), e.getMessage());
        }
    }

    @Test
    void closesQuietlyWhenNeverStarted() {
        final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(tempDir.resolve("data"), 0);
        broker.close();
        broker.close();
        assertThrows(IllegalStateException.class, broker::start);
    }
}
