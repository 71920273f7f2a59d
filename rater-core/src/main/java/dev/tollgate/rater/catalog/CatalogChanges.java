package dev.tollgate.rater.catalog;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes to the global catalog the rater has applied, so that what a rating task keeps
 * decoded and compiled from it ({@link CachedCatalogView}) is dropped as soon as anything it came
 * from may have changed, and is otherwise used without reading a store. One per topology built: the
 * global stores' updater, on the global thread, counts every plan, meter, add-on and coupon record
 * it applies. Subscriptions are not kept this way: they are read from their table's store, whose
 * record cache already holds them, and a change there is visible to the next event at once.
 */
public final class CatalogChanges {

    private final AtomicLong global = new AtomicLong();

    /** A record of a global catalog store was applied. */
    void globalChanged() {
        global.incrementAndGet();
    }

    long global() {
        return global.get();
    }
}
