package dev.tollgate.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints the current phase, its records so far and their rate every few seconds, so that a long run shows it is
 * moving. Closed before the summary, so that the JSON line stays the last line of the output.
 */
final class Progress implements AutoCloseable {

    private record Phase(String name, String unit, LongSupplier done, long startedAt) {
    }

    private final PrintStream out;
    private final ScheduledExecutorService ticker;
    private volatile Phase phase;
    private long lastDone;
    private long lastAt;

    Progress(final PrintStream out, final Duration every) {
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From now on, reports the time spent under {@code name}: for a phase that counts nothing. */
    void phase(final String name) {
        phase(name, null, null);
    }

    /** From now on, reports {@code done} (a count of {@code unit}) under {@code name}. */
    void phase(final String name, final String unit, final LongSupplier done) {
        synchronized (this) {
            lastDone = done == null ? 0 : done.getAsLong();
            lastAt = System.nanoTime();
            phase = new Phase(name, unit, done, lastAt);
        }
        out.printf(Locale.ROOT, "progress  %-28s started%n", name);
    }

    private synchronized void tick() {
        final Phase current = phase;
        if (current == null) {
            return;
        }
        final long now = System.nanoTime();
        if (current.done() == null) {
            out.printf(Locale.ROOT, "progress  %-28s %5.0f s%n", current.name(), (now - current.startedAt()) / 1e9);
            return;
        }
        final long done = current.done().getAsLong();
        final double rate = (done - lastDone) * 1e9 / Math.max(1, now - lastAt);
        out.printf(Locale.ROOT, "progress  %-28s %,12d %s  %,10.0f/s  %5.0f s%n", current.name(), done,
            current.unit(), rate, (now - current.startedAt()) / 1e9);
        lastDone = done;
        lastAt = now;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
