package dev.tollgate.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The run's figures as tables for a person; the JSON line after them carries the same figures for tools. */
final class Report {

    private Report() {
    }

    static void print(final Summary summary, final PrintStream out) {
        printThroughput(summary, out);
        for (final Round round : summary.rounds()) {
            final LatencySummary latency = round.latency().latency();
            out.printf(Locale.ROOT, "end-to-end latency at %,.0f events/s offered (half the rater's): %,d of %,d "
                    + "events rated, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", round.latency().offeredEps(),
                round.latency().rated(), round.latency().sent(), latency.p50Ms(), latency.p99Ms(), latency.maxMs());
        }
        printState(summary.state(), out);
        printGroups(summary, out);
        final HttpPhase.Result http = summary.http();
        out.printf(Locale.ROOT, "http ingest: %,.0f events/s (%d connections, batches of %d, %,d requests, %,d "
                + "failed; %,d records reached the topic, warm-up included)%n", http.ingest().eventsPerSecond(),
            IngestLoad.CONNECTIONS, IngestLoad.BATCH, http.ingest().requests(), http.ingest().failures(),
            http.written());
        out.printf(Locale.ROOT, "entitlement queries meanwhile: %,d answered (%,d failed), p50 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms%n", http.queries().latency().count(), http.queries().failures(),
            http.queries().latency().p50Ms(), http.queries().latency().p99Ms(), http.queries().latency().maxMs());
        final Machine machine = summary.machine();
        out.printf(Locale.ROOT, "machine: %d cores, %s, %,d MiB, Java %s; run took %.0f s%n", machine.cores(),
            machine.cpuModel(), machine.memoryMb(), machine.javaVersion(), summary.wall().toMillis() / 1e3);
    }

    private static void printThroughput(final Summary summary, final PrintStream out) {
        out.printf("%-24s %12s %10s %12s %9s %14s %14s%n", "application", "records", "seconds", "events/s", "ratio",
            "cpu us/event", "thread us/ev");
        for (final Round round : summary.rounds()) {
            final double passthrough = round.passthrough().perSecond();
            for (final Drain.Result result : new Drain.Result[] {round.passthrough(), round.naive(), round.rater()}) {
                printDrain(result, String.format(Locale.ROOT, "%.2f", result.perSecond() / passthrough), out);
            }
        }
    }

    private static void printDrain(final Drain.Result result, final String ratio, final PrintStream out) {
        out.printf(Locale.ROOT, "%-24s %,12d %10.2f %,12.0f %9s %14.1f %14.1f   rss %,d MiB%n", result.name(),
            result.records(), result.elapsed().toNanos() / 1e9, result.perSecond(), ratio,
            result.cpuMicrosPerRecord(), result.streamThreadMicrosPerRecord(), result.rssKb() / 1024);
    }

    private static void printState(final Map<String, StateFootprint.Store> state, final PrintStream out) {
        out.printf("%-24s %12s %14s %14s %12s%n", "rater store (compacted)", "keys", "logical bytes", "disk bytes",
            "bytes/key");
        for (final StateFootprint.Store store : state.values()) {
            out.printf(Locale.ROOT, "%-24s %,12d %,14d %,14d %,12.1f%n", store.name(), store.keys(),
                store.logicalBytes(), store.diskBytes(), store.diskBytesPerKey());
        }
    }

    private static void printGroups(final Summary summary, final PrintStream out) {
        out.println("pricing groups on one subscription (one partition):");
        summary.groups().values().forEach(result -> printDrain(result, "-", out));
        out.printf(Locale.ROOT, "stream-thread cost per event at %,d groups is %.2f times that at %,d%n",
            GroupsPhase.GROUP_COUNTS.get(GroupsPhase.GROUP_COUNTS.size() - 1), summary.groupsCostRatio(),
            GroupsPhase.GROUP_COUNTS.get(0));
    }
}
