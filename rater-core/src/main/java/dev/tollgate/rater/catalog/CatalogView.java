package dev.tollgate.rater.catalog;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.state.TableStoreDef;

/** The rater's read view of the catalog; null where this instance has not seen the entry (yet). */
public interface CatalogView {

    /** One catalog table's value of a key, null when it holds none: a store as a query or a test reads it. */
    interface Tables {
        <V> V get(TableStoreDef<String, V> table, String key);
    }

    /** The catalog as {@code tables} hold it, each entry read from its table when asked. */
    static CatalogView of(final Tables tables) {
        return new CatalogView() {
            @Override
            public CustomerSubscriptions subscriptions(final String customerId) {
                return tables.get(StateStores.SUBSCRIPTIONS, customerId);
            }

            @Override
            public Plan plan(final String code) {
                return tables.get(StateStores.PLANS, code);
            }

            @Override
            public Meter meter(final String code) {
                return tables.get(StateStores.METERS, code);
            }

            @Override
            public AddOn addOn(final String code) {
                return tables.get(StateStores.ADDONS, code);
            }

            @Override
            public Coupon coupon(final String code) {
                return tables.get(StateStores.COUPONS, code);
            }
        };
    }

    CustomerSubscriptions subscriptions(String customerId);

    Plan plan(String code);

    Meter meter(String code);

    AddOn addOn(String code);

    Coupon coupon(String code);
}
