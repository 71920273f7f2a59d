package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar tollgate-local.jar demo} in a JVM of its own: it loads the five seed plans through
 * the API, runs producers for the seconds asked, prints every customer's usage and one final statement,
 * and exits 0; an unknown argument is refused with the usage text and exit code 2.
 */
class DemoIT {

    private static final Path JAR = Path.of("target", "tollgate-local.jar");
    private static final List<String> PLANS = List.of("starter", "basic", "standard-tier", "usage", "basic_plan");
    private static final List<String> CUSTOMERS = List.of("northwind-agency", "tenant-jakarta", "acme-voice",
        "globex-api", "initech-team");

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldLoadTheSeedPlansSimulateUsageAndPrintUsageAndAFinalStatement() throws Exception {
        final Path log = temp.resolve("demo.log");
        final Process demo = start(log, "demo", "--seconds", "5");
        assertTrue(demo.waitFor(240, TimeUnit.SECONDS), () -> "still running:\n" + read(log));
        final String output = Files.readString(log);
        assertEquals(0, demo.exitValue(), output);

        for (final String seed : List.of("000", "001", "002", "003", "004")) {
            assertTrue(output.contains("Loaded seed " + seed + " "), "seed " + seed + " loaded:\n" + output);
        }
        for (final String plan : PLANS) {
            assertTrue(output.contains(": plan " + plan + " ("), "plan " + plan + ":\n" + output);
        }
        assertTrue(output.contains("Producers send events for 5 s:"), output);
        // At most 50 ticks of one event per customer (one each 100 ms, fewer when a batch takes longer),
        // and one more when the last falls on the end.
        final Matcher decided = Pattern.compile("The rater rated or rejected all ([\\d,]+) events\\.").matcher(output);
        assertTrue(decided.find(), output);
        final int events = Integer.parseInt(decided.group(1).replace(",", ""));
        assertTrue(events >= 5 && events <= 255 && events % 5 == 0, "events sent: " + events);

        for (final String customer : CUSTOMERS) {
            final Matcher usage = Pattern.compile("^  " + customer + " +\\S+ +total (\\d+(?:\\.\\d+)?) ([A-Z]{3})$",
                Pattern.MULTILINE).matcher(output);
            assertTrue(usage.find(), "usage of " + customer + ":\n" + output);
        }
        // The voice bot customer called for 5 s: some seconds, billed at 0.02 or more each.
        final Matcher voice = Pattern.compile("^  acme-voice +standard-tier +total (\\S+) USD$", Pattern.MULTILINE)
            .matcher(output);
        assertTrue(voice.find(), output);
        assertTrue(new BigDecimal(voice.group(1)).signum() > 0, output);
        assertTrue(Pattern.compile("^      inbound +\\d+ units +\\d+\\.\\d+   limit 50000$", Pattern.MULTILINE)
            .matcher(output).find(), output);

        assertTrue(output.contains("Terminated sub-acme-voice at "), output);
        final Matcher statement = Pattern.compile("^Final statement \\S+ of acme-voice \\(standard-tier\\), \\S+ to \\S+:$"
            + "(?:\\n      .*)+\\n  subtotal (\\S+), total (\\S+) USD$", Pattern.MULTILINE).matcher(output);
        assertTrue(statement.find(), "one final statement with its total:\n" + output);
        assertEquals(0, new BigDecimal(statement.group(1)).compareTo(new BigDecimal(statement.group(2))),
            "no coupon or credit on the voice plan: total = subtotal");
        assertTrue(Pattern.compile("^      subscription +standard-tier +1 +\\d+\\.\\d{2}$", Pattern.MULTILINE)
            .matcher(output).find(), output);
        assertTrue(Pattern.compile("^      usage +inbound +\\d+ +\\d+\\.\\d{2}$", Pattern.MULTILINE)
            .matcher(output).find(), output);
        assertFalse(output.contains(" ERROR "), output);
        assertTrue(output.trim().endsWith("Stopped."), output);
    }

    @Test
    void shouldRefuseAnUnknownArgumentWithTheUsageAndExitCode2() throws Exception {
        final Path log = temp.resolve("refused.log");
        final Process demo = start(log, "demo", "--minutes", "5");
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS));
        final String output = Files.readString(log);
        assertEquals(2, demo.exitValue(), output);
        assertTrue(output.contains("tollgate demo: unknown argument --minutes"), output);
        assertTrue(output.contains("usage: java -jar tollgate-local.jar [demo [--seconds N]]"), output);

        final Process launcher = start(temp.resolve("launcher.log"), "serve");
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, launcher.exitValue());
        assertTrue(read(temp.resolve("launcher.log")).contains("tollgate: unknown argument serve"));
    }

    private Process start(final Path log, final String... args) throws IOException {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TOLLGATE_"));
        builder.environment().put("TOLLGATE_HTTP_PORT", Integer.toString(freePort()));
        builder.environment().put("TOLLGATE_KAFKA_PORT", Integer.toString(freePort()));
        final Process process = builder.start();
        started.add(process);
        return process;
    }

    private static String read(final Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
