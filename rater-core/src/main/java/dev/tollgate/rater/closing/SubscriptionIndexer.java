package dev.tollgate.rater.closing;

import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.rater.catalog.StoreCatalogView;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.state.StateStores;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the task's books on its subscriptions as customers' subscriptions change (a new
 * subscription, a termination that may bring its last close forward, a plan change): which customer
 * holds each subscription, and when its next period is due to close ({@link CloseSchedule}). Reads
 * the changes of the {@code subscriptions} table.
 *
 * <p>When the task starts, one pass over the {@code subscriptions} store books every subscription it
 * holds, which covers state from before these books existed. It runs from a punctuation because a
 * store written outside processing has no record context.
 *
 * <p>Stores: {@code subscriptions} (read), {@code subscription-customers} (subscription → customer_id),
 * those of the {@link CloseSchedule} and {@code statements} (read: whether an opening statement was
 * issued; {@code refunds} only because the archive holds both).
 */
public final class SubscriptionIndexer implements Processor<String, CustomerSubscriptions, Void, Void> {

    private final RaterSettings settings;
    private CloseSchedule schedule;
    private KeyValueStore<String, String> customers;
    private TimestampedKeyValueStore<String, CustomerSubscriptions> subscriptions;
    private Cancellable firstPass;

    public SubscriptionIndexer(final RaterSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.schedule = new CloseSchedule(settings.lateGrace(), new StoreCatalogView(context),
            StateStores.CLOSED_PERIODS.in(context), StateStores.CLOSE_SCHEDULE.in(context),
            new StatementArchive(settings.statementRetention(), StateStores.STATEMENTS.in(context),
                StateStores.REFUNDS.in(context), StateStores.RERATES.in(context)));
        this.customers = StateStores.SUBSCRIPTION_CUSTOMERS.in(context);
        this.subscriptions = StateStores.SUBSCRIPTIONS.in(context);
        this.firstPass = context.schedule(settings.closeCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
            now -> bookAll());
    }

    @Override
    public void process(final Record<String, CustomerSubscriptions> record) {
        if (record.value() != null) {
            record.value().subscriptions().forEach(this::book);
        }
    }

    private void bookAll() {
        firstPass.cancel();
        try (KeyValueIterator<String, ValueAndTimestamp<CustomerSubscriptions>> all = subscriptions.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && entry.value.value() != null) {
                    entry.value.value().subscriptions().forEach(this::book);
                }
            });
        }
    }

    private void book(final Subscription subscription) {
        if (!subscription.customerId().equals(customers.get(subscription.id()))) {
            customers.put(subscription.id(), subscription.customerId());
        }
        schedule.schedule(subscription);
    }
}
