package dev.tollgate.rater.rating;

import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.rater.topology.RaterSettings;
import dev.tollgate.rater.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Schedules the next period close of each subscription as its customer's subscriptions change: a
 * new subscription, a termination (which may bring its last close forward) or a plan change. Reads
 * the changes of the {@code subscriptions} table; writes the {@link CloseSchedule}.
 */
public final class SubscriptionScheduler implements Processor<String, CustomerSubscriptions, Void, Void> {

    private final RaterSettings settings;
    private CloseSchedule schedule;

    public SubscriptionScheduler(final RaterSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.schedule = new CloseSchedule(settings.lateGrace(), new StoreCatalogView(context),
            context.getStateStore(StoreNames.CLOSED_PERIODS), context.getStateStore(StoreNames.CLOSE_SCHEDULE));
    }

    @Override
    public void process(final Record<String, CustomerSubscriptions> record) {
        if (record.value() == null) {
            return;
        }
        record.value().subscriptions().forEach(schedule::schedule);
    }
}
