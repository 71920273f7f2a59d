package dev.tollgate.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark on a tiny workload with short phases: every phase runs, and the last line of the output is
 * the JSON summary with its figures. It asserts no speed, only that each figure was measured.
 */
class RaterBenchmarkSmokeTest {

    /** Figures every run measures. */
    private static final List<String> MEASURED = List.of("events", "baseline_eps", "naive_eps", "rater_eps", "ratio",
        "p50_ms", "p99_ms", "ingest_eps", "query_p50_ms", "query_p99_ms", "state_bytes_per_key", "state_keys",
        "rater_thread_us_per_event", "groups_10_eps", "groups_10000_eps", "groups_10_thread_us_per_event",
        "groups_10000_thread_us_per_event", "cores");
    /** Counts of failures: present, and zero or more. */
    private static final List<String> COUNTED = List.of("ingest_failures", "query_failures");

    /** Keeps the output for the assertions and shows it in the test's report as it comes. */
    private static final class Tee extends OutputStream {

        private final OutputStream kept;
        private final OutputStream shown;

        Tee(final OutputStream kept, final OutputStream shown) {
            this.kept = kept;
            this.shown = shown;
        }

        @Override
        public void write(final int b) throws IOException {
            kept.write(b);
            shown.write(b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            kept.write(bytes, offset, length);
            shown.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            shown.flush();
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aTinyRunPrintsEveryFigureAsTheLastLine(@TempDir final Path charts) throws Exception {
        final Properties properties = new Properties();
        properties.setProperty("tollgate.bench.latency-seconds", "3");
        properties.setProperty("tollgate.bench.ingest-warmup-seconds", "1");
        properties.setProperty("tollgate.bench.ingest-seconds", "3");
        properties.setProperty("tollgate.bench.group-events", "10000");
        properties.setProperty("tollgate.bench.progress-seconds", "1");
        properties.setProperty("tollgate.bench.chart", charts.toString());
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        RaterBenchmark.run(BenchOptions.parse(new String[] {"20000", "200"}, properties),
            new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8));

        final List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("progress ")), "no progress line was printed");
        final JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (final String field : MEASURED) {
            assertTrue(summary.path(field).isNumber() && summary.path(field).doubleValue() > 0,
                field + " is not a positive number in " + summary);
        }
        for (final String field : COUNTED) {
            assertTrue(summary.path(field).isNumber() && summary.path(field).longValue() >= 0,
                field + " is not a count in " + summary);
        }
        assertTrue(summary.path("events").asLong() == 20_000, "events: " + summary);
        for (final String chart : List.of(Charts.THROUGHPUT_FILE, Charts.LATENCY_FILE)) {
            assertTrue(Files.size(charts.resolve(chart)) > 0, chart + " is empty");
        }
    }
}
