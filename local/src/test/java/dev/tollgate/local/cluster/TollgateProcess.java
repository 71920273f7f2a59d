package dev.tollgate.local.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code tollgate-local.jar} in a JVM of its own, as an operator runs it: started with its
 * environment, health-checked over HTTP, stopped with SIGKILL and started again on the same port and
 * data directory.
 */
final class TollgateProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "tollgate-local.jar");

    private final String name;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    private TollgateProcess(final String name, final Map<String, String> env, final Path log, final int port) {
        this.name = name;
        this.env = env;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts one process on a free HTTP port with its data under {@code home}/{@code name} and waits
     * until it answers {@code /health} with 200.
     */
    static TollgateProcess start(final String name, final Path home, final Map<String, String> settings) {
        final int port = freePort();
        final Map<String, String> env = new HashMap<>(settings);
        env.put("TOLLGATE_HTTP_PORT", Integer.toString(port));
        env.put("TOLLGATE_DATA_DIR", home.resolve(name).toString());
        final TollgateProcess started = new TollgateProcess(name, env, home.resolve(name + ".log"), port);
        started.launch();
        return started;
    }

    TestHttp http() {
        return new TestHttp("http://127.0.0.1:" + port);
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, no transaction is committed or aborted, nothing is flushed. */
    void kill() {
        process.destroyForcibly();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " outlived SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    /** SIGTERM, as an orchestrator stops a container: the shutdown hook runs. Does not wait. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(final Duration within) {
        try {
            assertTrue(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS), name + " still runs after " + within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Starts the process again on its port and data directory, appending to its log. */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch() {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-jar", JAR.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("TOLLGATE_"));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        final TestHttp http = http();
        await().atMost(180, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + "):\n" + log());
            }
            try {
                return http.get("/health", null).status() == 200;
            } catch (RuntimeException notListeningYet) {
                return false;
            }
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
