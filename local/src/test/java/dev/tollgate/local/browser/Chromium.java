package dev.tollgate.local.browser;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium in a profile of its own, driven over the DevTools protocol. Started with
 * the flags that keep it off the network (no background updates, sync, QUIC or first-run fetches);
 * installed with apt-get when it is missing and the tests run as root.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int WIDTH = 1280;

    private final Process process;
    private final DevTools page;

    private Chromium(final Process process, final DevTools page) {
        this.process = process;
        this.page = page;
    }

    /** Starts Chromium with an empty profile under {@code work} and connects to its first page. */
    public static Chromium start(final Path work) throws IOException {
        ensureInstalled(work);
        final Path profile = Files.createDirectories(work.resolve("chromium-profile"));
        final Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", "--window-size=" + WIDTH + ",900", "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("chromium.log").toFile())
            .start();
        try {
            final Path activePort = profile.resolve("DevToolsActivePort");
            await().atMost(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2);
            final int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
            return new Chromium(process, DevTools.connect(pageSocket(port)));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static URI pageSocket(final int port) {
        final HttpClient client = HttpClient.newHttpClient();
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
            .timeout(Duration.ofSeconds(10)).build();
        try {
            for (final JsonNode target : new ObjectMapper().readTree(client.send(request,
                HttpResponse.BodyHandlers.ofString()).body())) {
                if ("page".equals(target.path("type").asText())) {
                    return URI.create(target.get("webSocketDebuggerUrl").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("Chromium on port " + port + " shows no page");
    }

    private static void ensureInstalled(final Path work) throws IOException {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        Assumptions.assumeTrue(isRoot(), BINARY + " is missing: install Debian's chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver) to run the browser tests");
        final Path log = work.resolve("apt-get.log");
        final boolean installed = run(List.of("apt-get", "update"), log)
            && run(List.of("apt-get", "install", "-y", "chromium", "chromium-driver"), log);
        Assumptions.assumeTrue(installed && Files.isExecutable(BINARY), () -> "apt-get could not install "
            + BINARY + " (no package source reachable?):\n" + read(log));
    }

    private static String read(final Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** Runs {@code command} into {@code log}; answers whether it exited 0 within 15 minutes. */
    private static boolean run(final List<String> command, final Path log) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            final Process process = builder.start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code url} and waits until the page and its deferred scripts have run. */
    public void open(final String url) {
        page.call("Page.navigate", Map.of("url", url));
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
            .until(() -> "complete".equals(evaluate("document.readyState").asText()));
    }

    /** The value of a JavaScript expression in the page, awaited when it is a promise. */
    public JsonNode evaluate(final String expression) {
        final JsonNode result = page.call("Runtime.evaluate", Map.of("expression", expression,
            "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Writes a PNG of the whole page, as tall as its content. */
    public void screenshot(final Path png) throws IOException {
        final int height = evaluate("document.documentElement.scrollHeight").asInt();
        page.call("Emulation.setDeviceMetricsOverride", Map.of("width", WIDTH, "height", height,
            "deviceScaleFactor", 1, "mobile", false));
        final JsonNode shot = page.call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() {
        try {
            page.close();
        } finally {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
