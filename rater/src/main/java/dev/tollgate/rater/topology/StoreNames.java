package dev.tollgate.rater.topology;

/**
 * Every state store of the rater. The names are part of the changelog topic names
 * ({@code <application.id>-<store>-changelog}): renaming one loses its state on upgrade.
 */
public final class StoreNames {

    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String PLANS = "plans";
    public static final String METERS = "meters";
    public static final String ADDONS = "addons";
    public static final String COUPONS = "coupons";
    public static final String EVENT_STATUS = "event-status";
    public static final String CHARGE_AGGREGATES = "charge-aggregates";
    public static final String PENDING_EVENTS = "pending-events";
    public static final String CLOSED_PERIODS = "closed-periods";
    public static final String CLOSE_SCHEDULE = "close-schedule";
    public static final String SUBSCRIPTION_CUSTOMERS = "subscription-customers";
    public static final String STATEMENTS = "statements";
    public static final String ALERTS_SENT = "alerts-sent";
    public static final String REFUNDS = "refunds";
    public static final String DISTINCT_VALUES = "distinct-values";

    private StoreNames() {
    }
}
