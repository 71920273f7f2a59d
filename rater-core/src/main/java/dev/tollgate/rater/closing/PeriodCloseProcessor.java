package dev.tollgate.rater.closing;

import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.catalog.StoreCatalogView;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.routing.RaterSinks;
import dev.tollgate.rater.state.StateStores;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Closes the task's due periods, off the per-event path. Reads the task's partition of
 * {@code tollgate.rater-clock} (partition → tick wall time); emits statements (subscription_id →
 * PeriodStatement) and ticks (partition → wall time, for its own partition of the clock topic).
 *
 * <p>A period is due once both the wall clock and the task's stream time passed its end plus the
 * grace: wall time alone would close it while a backlog of its events is still unread. Stream time
 * moves only with records, so when a close is due by the wall clock but not by stream time, the task
 * writes a tick stamped with the wall clock to its own partition of the clock topic and reads it
 * back. Kafka Streams picks a task's next record by timestamp across its partitions and, with
 * {@code max.task.idle.ms} 0, does not pick from one while another has records on the broker it
 * has not fetched (KIP-695): the tick is processed, and stream time reaches its time, only after
 * every record the task's other partitions held with an earlier timestamp. Processing the tick runs
 * the close at once, so a quiet partition's statement follows within a check interval and a round
 * trip, and a task catching up on a backlog closes only once it has read it.
 *
 * <p>Each run closes for at most {@code closeRunBudget} of wall time, so that a calendar month's end,
 * when every subscription of the task is due at once, is spread over runs instead of one
 * punctuation that outlasts the transaction.
 *
 * <p>Stores: those of the {@link PeriodCloser}.
 */
public final class PeriodCloseProcessor implements Processor<String, byte[], String, byte[]> {

    /** A tick not read back by then was lost with an aborted transaction: another is written. */
    static final Duration TICK_TIMEOUT = Duration.ofSeconds(10);
    private static final long NO_TICK = Long.MIN_VALUE;

    private final RaterSettings settings;
    private final RatingCounts counts;
    private ProcessorContext<String, byte[]> context;
    private CloseSchedule schedule;
    private PeriodCloser closer;
    private long tickSentMs = NO_TICK;

    public PeriodCloseProcessor(final RaterSettings settings, final RatingCounts counts) {
        this.settings = settings;
        this.counts = counts;
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.context = context;
        final CatalogView catalog = new StoreCatalogView(context);
        final StatementArchive archive = new StatementArchive(settings.statementRetention(),
            StateStores.STATEMENTS.in(context), StateStores.REFUNDS.in(context), StateStores.RERATES.in(context));
        this.schedule = new CloseSchedule(settings.lateGrace(), catalog,
            StateStores.CLOSED_PERIODS.in(context), StateStores.CLOSE_SCHEDULE.in(context), archive);
        this.closer = new PeriodCloser(catalog, schedule, StateStores.SUBSCRIPTIONS.in(context),
            StateStores.CHARGE_AGGREGATES.in(context), StateStores.ALERTS_SENT.in(context),
            StateStores.DISTINCT_VALUES.in(context), StateStores.CREDIT_USE.in(context),
            StateStores.SPEND_TOTALS.in(context), archive, new PeriodStatements(catalog,
                StateStores.CHARGE_AGGREGATES.in(context), StateStores.STATEMENTS.in(context),
                StateStores.CREDIT_USE.in(context), StateStores.SPEND_TOTALS.in(context)));
        context.schedule(settings.closeCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::closeOrTick);
    }

    /**
     * A tick: stream time has reached its time, so whatever it was written for may close now. Only
     * its timestamp counts; the value is not read, so no record on the topic can fail the task.
     */
    @Override
    public void process(final Record<String, byte[]> record) {
        if (record.timestamp() >= tickSentMs) {
            tickSentMs = NO_TICK;
        }
        close(context.currentSystemTimeMs());
    }

    private void closeOrTick(final long wallClockMs) {
        close(wallClockMs);
        final long streamTimeMs = context.currentStreamTimeMs();
        final boolean waitingForStreamTime = streamTimeMs < wallClockMs
            && schedule.anyDueBetween(Instant.ofEpochMilli(Math.max(0, streamTimeMs + 1)), Instant.ofEpochMilli(wallClockMs));
        if (waitingForStreamTime && (tickSentMs == NO_TICK || wallClockMs - tickSentMs >= TICK_TIMEOUT.toMillis())) {
            tickSentMs = wallClockMs;
            final int partition = context.taskId().partition();
            RaterSinks.CLOCK_TICKS.send(context, Integer.toString(partition),
                ByteBuffer.allocate(Long.BYTES).putLong(wallClockMs).array(), wallClockMs);
        }
    }

    private void close(final long wallClockMs) {
        final long now = Math.min(wallClockMs, context.currentStreamTimeMs());
        final long deadline = System.nanoTime() + settings.closeRunBudget().toNanos();
        closer.closeDue(Instant.ofEpochMilli(now), () -> System.nanoTime() - deadline >= 0, statement -> {
            counts.statement();
            RaterSinks.STATEMENTS.send(context, statement.subscriptionId(), statement, now);
        });
    }
}
