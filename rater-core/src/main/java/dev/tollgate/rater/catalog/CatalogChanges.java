package dev.tollgate.rater.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Counts the changes to the catalog the rater has applied, so that what a rating task keeps decoded
 * and compiled from it ({@link CachedCatalogView}) is dropped as soon as anything it came from may
 * have changed, and is otherwise used without reading a store. One per topology built: the global
 * stores' updater (on the global thread) counts every plan, meter, add-on and coupon record it
 * applies; each task's subscription indexer counts the subscription records of its own task.
 */
public final class CatalogChanges {

    private final AtomicLong global = new AtomicLong();
    private final Map<TaskId, AtomicLong> subscriptions = new ConcurrentHashMap<>();

    /** A record of a global catalog store was applied. */
    void globalChanged() {
        global.incrementAndGet();
    }

    long global() {
        return global.get();
    }

    /** A subscription record of the task was applied to its store. */
    public void subscriptionsChanged(final TaskId task) {
        counter(task).incrementAndGet();
    }

    long subscriptions(final TaskId task) {
        return counter(task).get();
    }

    /** The task moved away or closed: its count starts again with its next processors. */
    public void forget(final TaskId task) {
        subscriptions.remove(task);
    }

    private AtomicLong counter(final TaskId task) {
        return subscriptions.computeIfAbsent(task, id -> new AtomicLong());
    }
}
