package dev.tollgate.rater.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a rater stream thread dies, and when the client stops for good.
 *
 * <p>A thread that fails is replaced: most failures pass (a fenced producer, a broker restart). A
 * thread that fails more than {@link #MAX_THREAD_REPLACEMENTS} times in {@link #REPLACEMENT_WINDOW}
 * fails on its input, not on a passing fault, and the client is shut down. A client in
 * {@link KafkaStreams.State#ERROR} (that, or a dead global thread, which cannot be replaced) never
 * rates again, so the process exits with {@link #EXIT_CODE}: an orchestrator's restart policy then
 * restarts it with its own backoff and shows the restarts, where a client restarted inside the same
 * process would loop on the same input unseen.
 */
public final class StreamsSupervisor {

    /** The rater's streams client stopped for good. */
    public static final int EXIT_CODE = 3;
    static final int MAX_THREAD_REPLACEMENTS = 5;
    static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(StreamsSupervisor.class);

    private final Clock clock;
    private final IntConsumer exit;
    private final int maxReplacements;
    private final Deque<Instant> replacements = new ArrayDeque<>();

    /** @param exit ends the process with the given status; called once, from a thread of its own */
    public StreamsSupervisor(final Clock clock, final IntConsumer exit) {
        this(clock, exit, MAX_THREAD_REPLACEMENTS);
    }

    StreamsSupervisor(final Clock clock, final IntConsumer exit, final int maxReplacements) {
        this.clock = clock;
        this.exit = exit;
        this.maxReplacements = maxReplacements;
    }

    /** Exits the JVM: what a deployed rater does. */
    public static IntConsumer systemExit() {
        return status -> Runtime.getRuntime().exit(status);
    }

    /** Installs the thread-failure rule and the exit on ERROR; call before {@code start()}. */
    public void supervise(final KafkaStreams streams) {
        streams.setUncaughtExceptionHandler(this::onUncaught);
        streams.setStateListener((next, previous) -> {
            LOG.info("rater streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.ERROR) {
                LOG.error("rater streams stopped for good; exiting with status {} so that the process is restarted",
                    EXIT_CODE);
                // Not on a streams thread: exiting runs the shutdown hooks, which close the streams.
                final Thread exiting = new Thread(() -> exit.accept(EXIT_CODE), "rater-exit");
                exiting.start();
            }
        });
    }

    synchronized StreamThreadExceptionResponse onUncaught(final Throwable error) {
        final Instant now = clock.instant();
        replacements.addLast(now);
        while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minus(REPLACEMENT_WINDOW))) {
            replacements.removeFirst();
        }
        if (replacements.size() > maxReplacements) {
            LOG.error("rater stream thread failed {} times within {}; shutting the rater down", replacements.size(),
                REPLACEMENT_WINDOW, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.warn("rater stream thread failed; replacing it", error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
