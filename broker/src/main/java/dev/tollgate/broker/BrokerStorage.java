package dev.tollgate.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * The broker's data directory: {@code server.properties} as last started, and {@code logs/}, Kafka's log
 * directory, which also holds the metadata log and {@code meta.properties} with the cluster id.
 */
final class BrokerStorage {

    private static final String META_PROPERTIES = "meta.properties";

    private final Path dataDir;

    BrokerStorage(final Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    Path dataDir() {
        return dataDir;
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    Path configFile() {
        return dataDir.resolve("server.properties");
    }

    /** Creates the directories and proves they are writable before Kafka reports it in its own terms. */
    void prepare() {
        for (final Path dir : new Path[] {dataDir, logDir()}) {
            try {
                Files.createDirectories(dir);
            } catch (final IOException e) {
                throw new BrokerStartException("Cannot create broker data directory " + dir + ": " + describe(e), e);
            }
            if (!Files.isWritable(dir)) {
                throw new BrokerStartException("Broker data directory " + dir + " is not writable");
            }
        }
    }

    void writeConfig(final Properties settings) {
        final Path file = configFile();
        try (OutputStream out = Files.newOutputStream(file)) {
            settings.store(out, "Written at each start of the embedded broker");
        } catch (final IOException e) {
            throw new BrokerStartException("Cannot write " + file + ": " + describe(e), e);
        }
    }

    boolean isFormatted() {
        return Files.exists(logDir().resolve(META_PROPERTIES));
    }

    /**
     * Formats with a fresh cluster id through Kafka's storage tool, the same path as
     * {@code kafka-storage.sh format -t <id> -c server.properties}; the id then lives in meta.properties.
     */
    void formatWithNewClusterId() {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile().toString()};
        final int exitCode;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, print);
        } catch (final RuntimeException e) {
            throw new BrokerStartException("Cannot format broker storage in " + logDir() + ": " + describe(e), e);
        }
        if (exitCode != 0) {
            throw new BrokerStartException("Cannot format broker storage in " + logDir() + " (exit code " + exitCode
                    + "): " + output.toString(StandardCharsets.UTF_8).trim());
        }
    }

    Optional<String> clusterId() {
        final Path file = logDir().resolve(META_PROPERTIES);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        final Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            meta.load(in);
        } catch (final IOException e) {
            throw new BrokerStartException("Cannot read " + file + ": " + describe(e), e);
        }
        return Optional.ofNullable(meta.getProperty("cluster.id"));
    }

    private static String describe(final Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
