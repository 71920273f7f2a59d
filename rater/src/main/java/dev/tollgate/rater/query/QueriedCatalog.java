package dev.tollgate.rater.query;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.state.TableStoreDef;
import dev.tollgate.rater.state.StateStores;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The catalog as this instance's stores hold it, for a query: the global plan, meter, add-on and
 * coupon stores, and the subscriptions of the customers whose tasks run here.
 */
final class QueriedCatalog implements CatalogView {

    private final RaterStores stores;

    QueriedCatalog(final RaterStores stores) {
        this.stores = stores;
    }

    @Override
    public CustomerSubscriptions subscriptions(final String customerId) {
        return get(StateStores.SUBSCRIPTIONS, customerId);
    }

    @Override
    public Plan plan(final String code) {
        return get(StateStores.PLANS, code);
    }

    @Override
    public Meter meter(final String code) {
        return get(StateStores.METERS, code);
    }

    @Override
    public AddOn addOn(final String code) {
        return get(StateStores.ADDONS, code);
    }

    @Override
    public Coupon coupon(final String code) {
        return get(StateStores.COUPONS, code);
    }

    private <V> V get(final TableStoreDef<String, V> table, final String key) {
        return ValueAndTimestamp.getValueOrNull(stores.store(table.name(), table.queryType()).get(key));
    }
}
