package dev.tollgate.rater.catalog;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A rating task's catalog view that reads each plan, meter, add-on and coupon from its store once
 * and keeps it until {@link CatalogChanges} says the global catalog changed; absent entries are kept
 * as absent the same way. Every event calls {@link #refresh} first, so that no event is rated with an
 * entry older than the last change applied before it. Subscriptions are read from their store on
 * every call.
 */
public final class CachedCatalogView implements CatalogView {

    private final CatalogView stores;
    private final CatalogChanges changes;
    private final Map<String, Optional<Plan>> plans = new HashMap<>();
    private final Map<String, Optional<Meter>> meters = new HashMap<>();
    private final Map<String, Optional<AddOn>> addOns = new HashMap<>();
    private final Map<String, Optional<Coupon>> coupons = new HashMap<>();
    private long globalSeen = -1;

    public CachedCatalogView(final CatalogView stores, final CatalogChanges changes) {
        this.stores = stores;
        this.changes = changes;
    }

    /**
     * Drops what the changes applied since the last call may have made stale.
     *
     * @return whether a catalog entry kept (plan, meter, add-on, coupon) may have changed
     */
    public boolean refresh() {
        final long global = changes.global();
        if (global == globalSeen) {
            return false;
        }
        plans.clear();
        meters.clear();
        addOns.clear();
        coupons.clear();
        globalSeen = global;
        return true;
    }

    @Override
    public CustomerSubscriptions subscriptions(final String customerId) {
        return stores.subscriptions(customerId);
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
