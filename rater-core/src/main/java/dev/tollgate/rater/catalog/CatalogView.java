package dev.tollgate.rater.catalog;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;

/** The rater's read view of the catalog; null where this instance has not seen the entry (yet). */
public interface CatalogView {

    CustomerSubscriptions subscriptions(String customerId);

    Plan plan(String code);

    Meter meter(String code);

    AddOn addOn(String code);

    Coupon coupon(String code);
}
