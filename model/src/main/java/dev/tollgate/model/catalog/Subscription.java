package dev.tollgate.model.catalog;

import dev.tollgate.pricing.period.BillingAnchor;
import dev.tollgate.pricing.period.BillingSchedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A customer on a plan from {@code startedAt} until {@code endedAt} (exclusive; open when null). A plan
 * change ends one subscription at an instant and starts its successor, naming it in {@code previousId}, at
 * the same instant.
 *
 * @param planVersion a pinned version, or null to follow the version in force at each event's time
 * @param billingTime calendar or anniversary
 * @param seats how many seats the plan's seat price is charged for; null for none
 * @param addOns the add-ons taken, with quantities
 * @param coupons coupon codes, in the order they apply
 * @param previousId the subscription this one replaced at a plan change; null for a first subscription
 * @param billingInterval {@value #YEARLY} to pay the plan's yearly price once a year instead of its price per
 *                        period; null (as on records written before it) or monthly pays per the plan's interval
 * @param spendLimit the most its usage may amount to in one period, in place of the plan version's
 *                   {@code spend_limit}; null to follow the plan's
 * @param spendThresholds its own spend thresholds in place of the plan version's (empty for none); null to follow
 *                        the plan's
 * @param blockWhenCreditsExhausted true refuses events the customer's credit grants cannot pay for, false bills
 *                                  them; null follows the plan version
 */
public record Subscription(String id, String customerId, String plan, Integer planVersion, Instant startedAt,
                           Instant endedAt, String billingTime, Integer seats, List<SubscriptionAddOn> addOns,
                           List<String> coupons, String previousId, String billingInterval,
                           BigDecimal spendLimit, List<BigDecimal> spendThresholds, Boolean blockWhenCreditsExhausted) {

    public static final String YEARLY = "yearly";

    public Subscription {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
        coupons = coupons == null ? List.of() : List.copyOf(coupons);
        spendThresholds = spendThresholds == null ? null : List.copyOf(spendThresholds);
    }

    public Subscription(final String id, final String customerId, final String plan, final Integer planVersion,
                        final Instant startedAt, final Instant endedAt, final String billingTime) {
        this(id, customerId, plan, planVersion, startedAt, endedAt, billingTime, null, null, null, null);
    }

    public Subscription(final String id, final String customerId, final String plan, final Integer planVersion,
                        final Instant startedAt, final Instant endedAt, final String billingTime, final Integer seats,
                        final List<SubscriptionAddOn> addOns, final List<String> coupons, final String previousId) {
        this(id, customerId, plan, planVersion, startedAt, endedAt, billingTime, seats, addOns, coupons, previousId,
            null, null, null, null);
    }

    /** A subscription that follows its plan's spend limit and spend thresholds. */
    public Subscription(final String id, final String customerId, final String plan, final Integer planVersion,
                        final Instant startedAt, final Instant endedAt, final String billingTime, final Integer seats,
                        final List<SubscriptionAddOn> addOns, final List<String> coupons, final String previousId,
                        final String billingInterval) {
        this(id, customerId, plan, planVersion, startedAt, endedAt, billingTime, seats, addOns, coupons, previousId,
            billingInterval, null, null, null);
    }

    /** A subscription that follows its plan on exhausted credits. */
    public Subscription(final String id, final String customerId, final String plan, final Integer planVersion,
                        final Instant startedAt, final Instant endedAt, final String billingTime, final Integer seats,
                        final List<SubscriptionAddOn> addOns, final List<String> coupons, final String previousId,
                        final String billingInterval, final BigDecimal spendLimit,
                        final List<BigDecimal> spendThresholds) {
        this(id, customerId, plan, planVersion, startedAt, endedAt, billingTime, seats, addOns, coupons, previousId,
            billingInterval, spendLimit, spendThresholds, null);
    }

    /** Whether an event its customer's credit grants cannot pay for is refused, under {@code version}. */
    public boolean blocksWhenCreditsExhausted(final PlanVersion version) {
        return blockWhenCreditsExhausted != null ? blockWhenCreditsExhausted
            : Boolean.TRUE.equals(version.blockWhenCreditsExhausted());
    }

    /** The spend thresholds in force under {@code version}: the subscription's own, else the plan version's. */
    public List<BigDecimal> spendThresholds(final PlanVersion version) {
        return spendThresholds != null ? spendThresholds : version.spendThresholds();
    }

    /** The spend limit in force under {@code version}: the subscription's own, else the plan version's. */
    public BigDecimal spendLimit(final PlanVersion version) {
        return spendLimit != null ? spendLimit : version.spendLimit();
    }

    /** Whether it pays its fees (base, seats, add-ons) once a year while usage keeps the plan's periods. */
    public boolean paysYearly() {
        return YEARLY.equals(billingInterval);
    }

    public boolean activeAt(final Instant at) {
        return !at.isBefore(startedAt) && (endedAt == null || at.isBefore(endedAt));
    }

    /** Its billing schedule under a plan version: periods, trial, billing cycles and end. */
    public BillingSchedule schedule(final PlanVersion version) {
        return new BillingSchedule(version.billingInterval(), BillingAnchor.fromWire(billingTime), startedAt,
            version.trialDays(), version.billingCycles(), endedAt);
    }

    /** A copy that ends at {@code at}. */
    public Subscription endedAt(final Instant at) {
        return new Subscription(id, customerId, plan, planVersion, startedAt, at, billingTime, seats, addOns,
            coupons, previousId, billingInterval, spendLimit, spendThresholds, blockWhenCreditsExhausted);
    }
}
