package dev.tollgate.rater.state;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.rating.Rerate;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.pricing.rating.ChargeState;
import java.math.BigDecimal;
import java.util.List;

/**
 * Every state store of the rater, each declared once with its types: the twin of {@code Topics}.
 * The topology builds the stores from these, processors open them and queries read them through
 * the same declaration. The names are part of the changelog topic names
 * ({@code <application.id>-<store>-changelog}): renaming one loses its state on upgrade. Key
 * formats are {@link StateKeys}'.
 */
public final class StateStores {

    /** customer_id → the customer's subscriptions: the co-partitioned table of tollgate.subscriptions. */
    public static final TableStoreDef<String, CustomerSubscriptions> SUBSCRIPTIONS =
        new TableStoreDef<>("subscriptions", RaterSerdes.KEYS, CustomerSubscriptions.class);
    /** customer_id → the customer's credit grants: the co-partitioned table of tollgate.credit-grants. */
    public static final TableStoreDef<String, CustomerCredits> CREDIT_GRANTS =
        new TableStoreDef<>("credit-grants", RaterSerdes.KEYS, CustomerCredits.class);
    public static final TableStoreDef<String, Plan> PLANS = new TableStoreDef<>("plans", RaterSerdes.KEYS, Plan.class);
    public static final TableStoreDef<String, Meter> METERS =
        new TableStoreDef<>("meters", RaterSerdes.KEYS, Meter.class);
    public static final TableStoreDef<String, AddOn> ADDONS =
        new TableStoreDef<>("addons", RaterSerdes.KEYS, AddOn.class);
    public static final TableStoreDef<String, Coupon> COUPONS =
        new TableStoreDef<>("coupons", RaterSerdes.KEYS, Coupon.class);

    /**
     * (customer, event id) → what became of the event. Entries are keyed by first-seen time so that
     * whole segments expire after the dedup window instead of one tombstone per event.
     */
    public static final WindowStoreDef<String, EventStatus> EVENT_STATUS =
        new WindowStoreDef<>("event-status", RaterSerdes.KEYS, RaterSerdes.EVENT_STATUS);
    /** (subscription, period start, charge[, group]) → the charge's running state in the period. */
    public static final KeyValueStoreDef<String, ChargeState> CHARGE_AGGREGATES =
        new KeyValueStoreDef<>("charge-aggregates", RaterSerdes.KEYS, RaterSerdes.CHARGE_STATE, true);
    /** (customer, event id) → an event waiting for its catalog. */
    public static final KeyValueStoreDef<String, PendingEvent> PENDING_EVENTS =
        new KeyValueStoreDef<>("pending-events", RaterSerdes.KEYS, RaterSerdes.PENDING_EVENT, false);
    /** subscription → the end of its last closed period, epoch ms. */
    public static final KeyValueStoreDef<String, Long> CLOSED_PERIODS =
        new KeyValueStoreDef<>("closed-periods", RaterSerdes.KEYS, RaterSerdes.EPOCH_MILLIS, false);
    /** (due time, subscription) → customer: when each subscription's next period closes. */
    public static final KeyValueStoreDef<String, String> CLOSE_SCHEDULE =
        new KeyValueStoreDef<>("close-schedule", RaterSerdes.KEYS, RaterSerdes.KEYS, false);
    /** subscription → customer. */
    public static final KeyValueStoreDef<String, String> SUBSCRIPTION_CUSTOMERS =
        new KeyValueStoreDef<>("subscription-customers", RaterSerdes.KEYS, RaterSerdes.KEYS, false);
    /** (subscription, period start[, refund]) → a statement or a refund adjustment. */
    public static final KeyValueStoreDef<String, PeriodStatement> STATEMENTS =
        new KeyValueStoreDef<>("statements", RaterSerdes.KEYS, Topics.PERIOD_STATEMENTS.valueSerde(), false);
    /** (charge state key, threshold) → when the alert was sent. */
    public static final KeyValueStoreDef<String, Long> ALERTS_SENT =
        new KeyValueStoreDef<>("alerts-sent", RaterSerdes.KEYS, RaterSerdes.EPOCH_MILLIS, false);
    /** (subscription, refund id) → the refund's outcome. */
    public static final KeyValueStoreDef<String, Refund> REFUNDS =
        new KeyValueStoreDef<>("refunds", RaterSerdes.KEYS, RaterSerdes.REFUND, false);
    /**
     * (charge state key, value) → when first counted: one entry per distinct value a unique_count
     * charge counted, since a list in the charge state would grow past the record size limit.
     */
    public static final KeyValueStoreDef<String, Long> DISTINCT_VALUES =
        new KeyValueStoreDef<>("distinct-values", RaterSerdes.KEYS, RaterSerdes.EPOCH_MILLIS, false);
    /**
     * (subscription, event id) at the event's period start → the event as tollgate.accepted-events
     * has it: what a re-rate of the period prices again. Windowed by period start, so that whole
     * segments of old periods expire after the retention instead of one tombstone per event.
     */
    public static final WindowStoreDef<String, AcceptedEvent> ACCEPTED_EVENTS =
        new WindowStoreDef<>("accepted-events", RaterSerdes.KEYS, Topics.ACCEPTED_EVENTS.valueSerde());
    /** (subscription, rerate id) → the re-rate's outcome. */
    public static final KeyValueStoreDef<String, Rerate> RERATES =
        new KeyValueStoreDef<>("rerates", RaterSerdes.KEYS, RaterSerdes.RERATE, false);

    /**
     * ("grant", customer, grant id) → what the grant paid in all; ("period", subscription, period start,
     * grant id) → what it paid of that period, deleted when the period closes.
     */
    public static final KeyValueStoreDef<String, BigDecimal> CREDIT_USE =
        new KeyValueStoreDef<>("credit-use", RaterSerdes.KEYS, RaterSerdes.DECIMAL, false);
    /**
     * (subscription, period start) → the period's {@link SpendState}: its running usage amount (the sum
     * of the rated deltas of its events, before coupons and credits) that the spend limit is checked
     * against, what its interim statements billed and which spend thresholds fired. One entry per open
     * period that rated an amount, deleted when the period closes. Written on every such event, so cached.
     */
    public static final KeyValueStoreDef<String, SpendState> SPEND_TOTALS =
        new KeyValueStoreDef<>("spend-totals", RaterSerdes.KEYS, RaterSerdes.SPEND_STATE, true);

    /** The key-value stores the topology adds itself (the tables' stores come with their tables). */
    public static final List<KeyValueStoreDef<String, ?>> KEY_VALUE_STORES = List.of(CHARGE_AGGREGATES,
        PENDING_EVENTS, CLOSED_PERIODS, CLOSE_SCHEDULE, SUBSCRIPTION_CUSTOMERS, STATEMENTS, ALERTS_SENT, REFUNDS,
        DISTINCT_VALUES, CREDIT_USE, SPEND_TOTALS, RERATES);

    private StateStores() {
    }
}
