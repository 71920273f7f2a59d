package dev.tollgate.rater.catalog;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.rater.state.StateStores;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The catalog as a rating task sees it: the customer's subscriptions from the co-partitioned
 * {@code subscriptions} store, plans, meters, add-ons and coupons from global stores.
 */
public final class StoreCatalogView implements CatalogView {

    private final TimestampedKeyValueStore<String, CustomerSubscriptions> subscriptions;
    private final TimestampedKeyValueStore<String, Plan> plans;
    private final TimestampedKeyValueStore<String, Meter> meters;
    private final TimestampedKeyValueStore<String, AddOn> addOns;
    private final TimestampedKeyValueStore<String, Coupon> coupons;

    public StoreCatalogView(final ProcessorContext<?, ?> context) {
        this.subscriptions = StateStores.SUBSCRIPTIONS.in(context);
        this.plans = StateStores.PLANS.in(context);
        this.meters = StateStores.METERS.in(context);
        this.addOns = StateStores.ADDONS.in(context);
        this.coupons = StateStores.COUPONS.in(context);
    }

    @Override
    public CustomerSubscriptions subscriptions(final String customerId) {
        return ValueAndTimestamp.getValueOrNull(subscriptions.get(customerId));
    }

    @Override
    public Plan plan(final String code) {
        return ValueAndTimestamp.getValueOrNull(plans.get(code));
    }

    @Override
    public Meter meter(final String code) {
        return ValueAndTimestamp.getValueOrNull(meters.get(code));
    }

    @Override
    public AddOn addOn(final String code) {
        return ValueAndTimestamp.getValueOrNull(addOns.get(code));
    }

    @Override
    public Coupon coupon(final String code) {
        return ValueAndTimestamp.getValueOrNull(coupons.get(code));
    }
}
