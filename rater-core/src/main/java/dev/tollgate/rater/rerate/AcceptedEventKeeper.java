package dev.tollgate.rater.rerate;

import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps what {@code tollgate.accepted-events} brings back to the task that wrote it, by subscription
 * and period, for a re-rate to price again. The topic and this store are written in the rater's
 * transactions, so an event is kept once however often a task restarts.
 *
 * <p>Store: {@code accepted-events} ((subscription, event id) at the period start → AcceptedEvent), a
 * window store whose segments expire {@code RaterSettings.acceptedEventsRetention} after the periods
 * they hold started.
 */
public final class AcceptedEventKeeper implements Processor<String, AcceptedEvent, Void, Void> {

    private final SkippedRecords skipped;
    private ProcessorContext<Void, Void> context;
    private WindowStore<String, AcceptedEvent> accepted;

    public AcceptedEventKeeper(final SkippedRecords skipped) {
        this.skipped = skipped;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.context = context;
        this.accepted = StateStores.ACCEPTED_EVENTS.in(context);
    }

    @Override
    public void process(final Record<String, AcceptedEvent> record) {
        final AcceptedEvent kept = record.value();
        if (kept == null || kept.event() == null || kept.event().id() == null || kept.event().timestamp() == null
            || kept.subscriptionId() == null || kept.periodStart() == null) {
            // Only the rater writes this topic, and it writes complete records.
            final RecordMetadata from = context.recordMetadata().orElseThrow();
            skipped.skip(from.topic(), from.partition(), from.offset(), SkippedRecords.Reason.INVALID,
                new IllegalArgumentException("an accepted event needs its event (id, timestamp), subscription_id"
                    + " and period_start"));
            return;
        }
        accepted.put(StateKeys.acceptedEvent(kept.subscriptionId(), kept.event().id()), kept,
            kept.periodStart().toEpochMilli());
    }
}
