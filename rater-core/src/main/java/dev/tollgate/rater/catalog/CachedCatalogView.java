package dev.tollgate.rater.catalog;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.processor.TaskId;

/**
 * A rating task's catalog view that reads each entry from its store once and keeps it until
 * {@link CatalogChanges} says the catalog changed: any global record applied drops the plans,
 * meters, add-ons and coupons kept, any subscription record of the task drops the subscriptions
 * kept. Absent entries are kept as absent the same way. Every event calls {@link #refresh} first,
 * so that no event is rated with an entry older than the last change applied before it.
 */
public final class CachedCatalogView implements CatalogView {

    /** Customers' subscriptions kept: the task's busiest customers, about 1 KiB each. */
    private static final int SUBSCRIPTION_ENTRIES = 32_768;

    private final CatalogView stores;
    private final CatalogChanges changes;
    private final TaskId task;
    private final Map<String, Optional<Plan>> plans = new HashMap<>();
    private final Map<String, Optional<Meter>> meters = new HashMap<>();
    private final Map<String, Optional<AddOn>> addOns = new HashMap<>();
    private final Map<String, Optional<Coupon>> coupons = new HashMap<>();
    private final Map<String, Optional<CustomerSubscriptions>> subscriptions = new LinkedHashMap<>(1_024, 0.75f,
        true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Optional<CustomerSubscriptions>> eldest) {
            return size() > SUBSCRIPTION_ENTRIES;
        }
    };
    private long globalSeen = -1;
    private long subscriptionsSeen = -1;

    public CachedCatalogView(final CatalogView stores, final CatalogChanges changes, final TaskId task) {
        this.stores = stores;
        this.changes = changes;
        this.task = task;
    }

    /**
     * Drops what the changes applied since the last call may have made stale.
     *
     * @return whether a global catalog entry (plan, meter, add-on, coupon) may have changed
     */
    public boolean refresh() {
        final long global = changes.global();
        boolean changedGlobally = false;
        if (global != globalSeen) {
            plans.clear();
            meters.clear();
            addOns.clear();
            coupons.clear();
            globalSeen = global;
            changedGlobally = true;
        }
        final long ofTask = changes.subscriptions(task);
        if (ofTask != subscriptionsSeen) {
            subscriptions.clear();
            subscriptionsSeen = ofTask;
        }
        return changedGlobally;
    }

    @Override
    public CustomerSubscriptions subscriptions(final String customerId) {
        return kept(subscriptions, customerId, stores::subscriptions);
    }

    @Override
    public Plan plan(final String code) {
        return kept(plans, code, stores::plan);
    }

    @Override
    public Meter meter(final String code) {
        return kept(meters, code, stores::meter);
    }

    @Override
    public AddOn addOn(final String code) {
        return kept(addOns, code, stores::addOn);
    }

    @Override
    public Coupon coupon(final String code) {
        return kept(coupons, code, stores::coupon);
    }

    private static <V> V kept(final Map<String, Optional<V>> kept, final String key, final Function<String, V> read) {
        Optional<V> value = kept.get(key);
        if (value == null) {
            value = Optional.ofNullable(read.apply(key));
            kept.put(key, value);
        }
        return value.orElse(null);
    }
}
