package dev.tollgate.planapi.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.planapi.catalog.SpendThresholds;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.pricing.period.BillingAnchor;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.period.IntervalUnit;
import dev.tollgate.pricing.statement.CouponType;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what a subscription buys (plan, pinned version, billing time, seats, add-ons, coupons, spend limit) and
 * checks it against the catalog, reporting every problem at once. Absent fields keep {@code defaults}:
 * nothing for a new subscription, the replaced subscription's terms for a plan change.
 */
final class TermsReader {

    static final int MAX_ITEMS = 100;

    /** The terms read; the plan is null when it could not be read. */
    record Terms(String plan, Integer planVersion, String billingTime, Integer seats, List<SubscriptionAddOn> addOns,
                 List<String> coupons, String billingInterval, BigDecimal spendLimit,
                 List<BigDecimal> spendThresholds, Boolean blockWhenCreditsExhausted) {

        static final Terms NONE = new Terms(null, null, BillingAnchor.CALENDAR.wireName(), null, List.of(), List.of(),
            null, null, null, null);
    }

    /** The fields of the terms, as a subscription and a plan change both take them. */
    static final List<String> FIELDS = List.of(PlanChoice.PLAN, PlanChoice.LOOKUP_KEY, PlanChoice.GROUP,
        "plan_version", "billing_time", "billing_interval", "seats", "add_ons", "coupons", "spend_limit",
        SpendThresholds.FIELD, "block_when_credits_exhausted");
    static final String MONTHLY = "monthly";
    private static final BillingInterval MONTH = new BillingInterval(IntervalUnit.MONTH, 1);
    static final List<String> ADD_ON_FIELDS = List.of("code", "quantity");

    private TermsReader() {
    }

    /** The terms' fields and {@code others}. */
    static List<String> fields(final String... others) {
        final List<String> fields = new ArrayList<>(FIELDS);
        fields.addAll(List.of(others));
        return fields;
    }

    static Terms read(final JsonFields fields, final CatalogStore catalog, final Terms defaults) {
        final PlanChoice choice = PlanChoice.read(fields, catalog, defaults.plan());
        final String planCode = choice.code();
        final Integer pinned = fields.integer("plan_version", 1, Integer.MAX_VALUE);
        final String billingTime = fields.has("billing_time") ? fields.text("billing_time", true)
            : defaults.billingTime();
        if (billingTime != null) {
            try {
                BillingAnchor.fromWire(billingTime);
            } catch (InvalidPricingException e) {
                e.errors().forEach(error -> fields.error(error.field(), error.message()));
            }
        }
        final Integer seats = fields.has("seats") ? fields.integer("seats", 0, 1_000_000) : defaults.seats();
        final PlanVersion version = plan(fields, catalog, choice, pinned);
        final String billingInterval = billingInterval(fields, planCode, version, defaults.billingInterval());
        if (version != null && version.maxSeats() != null && seats != null && seats > version.maxSeats()) {
            fields.error("seats", "must be at most " + version.maxSeats() + ", the plan's max_seats");
        }
        final List<SubscriptionAddOn> addOns = fields.has("add_ons") ? addOns(fields, catalog, version)
            : defaults.addOns();
        final List<String> coupons = fields.has("coupons")
            ? coupons(fields, catalog, planCode, version, defaults.coupons()) : defaults.coupons();
        // Absent keeps what the subscription said (a plan change carries it); null follows the plan.
        final Boolean blocks = fields.node("block_when_credits_exhausted") == null
            ? defaults.blockWhenCreditsExhausted() : fields.bool("block_when_credits_exhausted");
        return new Terms(planCode, pinned, billingTime, seats, addOns, coupons, billingInterval,
            spendLimit(fields, defaults.spendLimit()), spendThresholds(fields, defaults.spendThresholds()), blocks);
    }

    /** Its own spend thresholds, in place of its plan's: absent keeps {@code carried}, null follows the plan's. */
    private static List<BigDecimal> spendThresholds(final JsonFields fields, final List<BigDecimal> carried) {
        final JsonNode node = fields.node(SpendThresholds.FIELD);
        if (node == null) {
            return carried;
        }
        return node.isNull() ? null : SpendThresholds.read(fields);
    }

    /**
     * The subscription's own spend limit, in place of its plan's: absent keeps {@code carried} (a plan
     * change keeps the customer's cap), null drops it so that the plan's applies.
     */
    private static BigDecimal spendLimit(final JsonFields fields, final BigDecimal carried) {
        final JsonNode node = fields.node("spend_limit");
        if (node == null) {
            return carried;
        }
        return node.isNull() ? null : fields.nonNegativeDecimal("spend_limit", true);
    }

    /**
     * How the subscription pays its fees: absent keeps {@code carried} (a plan change keeps paying
     * yearly), null pays per the plan's interval, monthly or yearly name it. Only a monthly plan
     * (frequency 1) can be paid either way, yearly only when it has a yearly_amount.
     */
    private static String billingInterval(final JsonFields fields, final String planCode, final PlanVersion version,
                                          final String carried) {
        final JsonNode node = fields.node("billing_interval");
        if (node != null && node.isNull()) {
            return null;
        }
        final boolean given = node != null;
        final String interval = given ? fields.text("billing_interval", true) : carried;
        if (interval == null) {
            return null;
        }
        if (!MONTHLY.equals(interval) && !Subscription.YEARLY.equals(interval)) {
            fields.error("billing_interval", "unknown billing interval '" + interval
                + "'; expected monthly or yearly, or null to pay per the plan's interval");
            return null;
        }
        if (version == null) {
            return interval;
        }
        final String paying = given ? "" : "the subscription pays " + interval + ", carried over by the change; ";
        final String reset = given ? "" : "; send \"billing_interval\": null to pay per the new plan's interval";
        if (!MONTH.equals(version.billingInterval())) {
            fields.error("billing_interval", paying + "plan " + planCode + " bills " + version.interval()
                + (version.frequency() == null || version.frequency() == 1 ? "" : " x " + version.frequency())
                + ", and only a monthly plan can be paid monthly or yearly" + reset);
        } else if (Subscription.YEARLY.equals(interval) && version.yearlyAmount() == null) {
            fields.error("billing_interval", paying + "plan " + planCode
                + " has no yearly_amount, so it cannot be paid yearly" + reset);
        }
        return interval;
    }

    /** The version the subscription starts on, or null after filing why there is none. */
    private static PlanVersion plan(final JsonFields fields, final CatalogStore catalog, final PlanChoice choice,
                                    final Integer pinned) {
        final String planCode = choice.code();
        if (planCode == null) {
            return null;
        }
        final Plan plan = catalog.plan(planCode).orElse(null);
        if (plan == null) {
            fields.error(choice.field(), "plan " + planCode + " does not exist");
            return null;
        }
        if (plan.status() == Plan.PlanStatus.ARCHIVED) {
            fields.error(choice.field(), "plan " + planCode + " is archived and takes no new subscriptions");
            return null;
        }
        if (pinned != null && plan.version(pinned).isEmpty()) {
            fields.error("plan_version", "plan " + planCode + " has no version " + pinned);
            return null;
        }
        return pinned != null ? plan.version(pinned).orElseThrow() : plan.latest();
    }

    private static List<SubscriptionAddOn> addOns(final JsonFields fields, final CatalogStore catalog,
                                                  final PlanVersion version) {
        final JsonNode node = fields.node("add_ons");
        if (!node.isArray() || node.size() > MAX_ITEMS) {
            fields.error("add_ons", "must be a list of at most " + MAX_ITEMS + " {\"code\", \"quantity\"}");
            return List.of();
        }
        final List<SubscriptionAddOn> addOns = new ArrayList<>(node.size());
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            final String path = "add_ons[" + i + "]";
            if (!node.get(i).isObject()) {
                fields.error(path, "must be an object {\"code\", \"quantity\"}");
                continue;
            }
            final JsonFields item = fields.nested(path, node.get(i));
            item.onlyFields("an add-on of a subscription", ADD_ON_FIELDS);
            final String code = item.identifier("code");
            final Integer quantity = item.integer("quantity", 1, 1_000_000);
            if (code == null) {
                continue;
            }
            final AddOn addOn = catalog.addOn(code).orElse(null);
            if (addOn == null) {
                item.error("code", "add-on " + code + " does not exist");
            } else if (!addOn.active()) {
                item.error("code", "add-on " + code + " is inactive");
            } else if (version != null && !addOn.currency().equals(version.currency())) {
                item.error("code", "add-on " + code + " is priced in " + addOn.currency() + ", the plan in "
                    + version.currency());
            } else if (!seen.add(code)) {
                item.error("code", "add-on " + code + " is listed twice; give it a quantity instead");
            } else {
                addOns.add(new SubscriptionAddOn(code, quantity == null ? 1 : quantity));
            }
        }
        return addOns;
    }

    /** @param carried the coupons of the subscription a plan change replaces: keeping one is not a new use */
    private static List<String> coupons(final JsonFields fields, final CatalogStore catalog, final String planCode,
                                        final PlanVersion version, final List<String> carried) {
        final JsonNode node = fields.node("coupons");
        if (!node.isArray() || node.size() > MAX_ITEMS) {
            fields.error("coupons", "must be a list of at most " + MAX_ITEMS + " coupon codes");
            return List.of();
        }
        final List<String> coupons = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            final String path = "coupons[" + i + "]";
            final String code = node.get(i).isTextual() ? node.get(i).textValue() : null;
            final Coupon coupon = code == null ? null : catalog.coupon(code).orElse(null);
            if (code == null) {
                fields.error(path, "must be a coupon code");
            } else if (UsageEventReader.identifierProblem(code) != null) {
                fields.error(path, UsageEventReader.identifierProblem(code));
            } else if (coupon == null) {
                fields.error(path, "coupon " + code + " does not exist");
            } else if (!coupon.active()) {
                fields.error(path, "coupon " + code + " is inactive");
            } else if (planCode != null && !coupon.plans().isEmpty() && !coupon.plans().contains(planCode)) {
                fields.error(path, "coupon " + code + " applies only to plans " + coupon.plans());
            } else if (version != null && CouponType.fromWire(coupon.couponType()) == CouponType.FIXED_AMOUNT
                && !coupon.currency().equals(version.currency())) {
                fields.error(path, "coupon " + code + " is in " + coupon.currency() + ", the plan in "
                    + version.currency());
            } else if (coupons.contains(code)) {
                fields.error(path, "coupon " + code + " is listed twice");
            } else if (coupon.maxUses() != null && !carried.contains(code)
                && catalog.couponUses().getOrDefault(code, 0) >= coupon.maxUses()) {
                fields.error(path, "coupon " + code + " was redeemed " + coupon.maxUses()
                    + " time(s), all its max_uses");
            } else {
                coupons.add(code);
            }
        }
        return coupons;
    }
}
