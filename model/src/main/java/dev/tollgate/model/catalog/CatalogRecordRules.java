package dev.tollgate.model.catalog;

import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.period.BillingAnchor;
import dev.tollgate.pricing.statement.BillTiming;
import dev.tollgate.pricing.validation.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every record read from a catalog topic must hold before a reader applies it: the fields that
 * rating, statements and the API dereference are present and parse, and its decimals are within
 * {@link Decimals}' bounds. The plan API writes only such records; one written around it (straight to
 * the topic, or by an older writer) is skipped rather than allowed to fail every event that reads it.
 * These are not the API's request rules, which are stricter and name fields as the request does.
 */
public final class CatalogRecordRules {

    private CatalogRecordRules() {
    }

    /** The problems of a decoded catalog value (empty when it may be applied); null is a deletion and fine. */
    public static List<String> problems(final Object value) {
        final List<String> problems = new ArrayList<>();
        if (value instanceof Plan plan) {
            plan(plan, problems);
        } else if (value instanceof Meter meter) {
            meter(meter, problems);
        } else if (value instanceof CustomerSubscriptions customer) {
            for (int i = 0; i < customer.subscriptions().size(); i++) {
                subscription(customer.subscriptions().get(i), "subscriptions[" + i + "]", problems);
            }
        } else if (value instanceof CustomerCredits credits) {
            for (int i = 0; i < credits.grants().size(); i++) {
                grant(credits.grants().get(i), "grants[" + i + "]", problems);
            }
        } else if (value instanceof Coupon coupon) {
            required(coupon.code(), "code", problems);
            required(coupon.couponType(), "coupon_type", problems);
            bounded(coupon.amount(), "amount", problems);
            bounded(coupon.percentageRate(), "percentage_rate", problems);
        } else if (value instanceof AddOn addOn) {
            required(addOn.code(), "code", problems);
            bounded(addOn.monthlyAmount(), "monthly_amount", problems);
            bounded(addOn.yearlyAmount(), "yearly_amount", problems);
        }
        if (value != null && problems.isEmpty()) {
            writable(value, problems);
        }
        return problems;
    }

    /**
     * Whether the decoded value can be written again, as every store it is kept in writes it: a number
     * Jackson reads but cannot write (a scale past 9,999, say 1E+10000 inside a charge's properties) would
     * otherwise fail the store's put, and with it the reader, on every restart.
     */
    private static void writable(final Object value, final List<String> problems) {
        try {
            Json.write(value);
        } catch (IllegalArgumentException e) {
            problems.add("cannot be written again as JSON: "
                + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }

    private static void plan(final Plan plan, final List<String> problems) {
        required(plan.code(), "code", problems);
        required(plan.status(), "status", problems);
        if (plan.versions().isEmpty()) {
            problems.add("versions: a plan has at least one version");
        }
        for (int i = 0; i < plan.versions().size(); i++) {
            final PlanVersion version = plan.versions().get(i);
            final String at = "versions[" + i + "]";
            required(version.effectiveFrom(), at + ".effective_from", problems);
            required(version.currency(), at + ".currency", problems);
            parses(version::billingInterval, at + ".interval", problems);
            if (version.billTiming() != null) {
                parses(() -> BillTiming.fromWire(version.billTiming()), at + ".bill_timing", problems);
            }
            bounded(version.amount(), at + ".amount", problems);
            bounded(version.yearlyAmount(), at + ".yearly_amount", problems);
            bounded(version.seatPrice(), at + ".seat_price", problems);
            bounded(version.minimumCommitment(), at + ".minimum_commitment", problems);
            bounded(version.spendLimit(), at + ".spend_limit", problems);
            amounts(version.spendThresholds(), at + ".spend_thresholds", problems);
            version.credits().forEach((key, credit) -> bounded(credit, at + ".credits." + key, problems));
            for (int c = 0; c < version.charges().size(); c++) {
                charge(version.charges().get(c), at + ".charges[" + c + "]", problems);
            }
        }
    }

    private static void charge(final Charge charge, final String at, final List<String> problems) {
        required(charge.code(), at + ".code", problems);
        required(charge.meter(), at + ".meter", problems);
        required(charge.model(), at + ".model", problems);
        if (charge.limit() != null) {
            bounded(charge.limit().units(), at + ".limit.units", problems);
        }
        for (int t = 0; t < charge.thresholds().size(); t++) {
            final BigDecimal threshold = charge.thresholds().get(t);
            required(threshold, at + ".thresholds[" + t + "]", problems);
            bounded(threshold, at + ".thresholds[" + t + "]", problems);
        }
    }

    private static void meter(final Meter meter, final List<String> problems) {
        required(meter.code(), "code", problems);
        required(meter.eventType(), "event_type", problems);
        parses(() -> Aggregation.fromWire(meter.aggregation()), "aggregation", problems);
    }

    private static void subscription(final Subscription subscription, final String at, final List<String> problems) {
        if (subscription == null) {
            problems.add(at + ": is null");
            return;
        }
        required(subscription.id(), at + ".id", problems);
        required(subscription.customerId(), at + ".customer_id", problems);
        required(subscription.plan(), at + ".plan", problems);
        required(subscription.startedAt(), at + ".started_at", problems);
        parses(() -> BillingAnchor.fromWire(subscription.billingTime()), at + ".billing_time", problems);
        bounded(subscription.spendLimit(), at + ".spend_limit", problems);
        if (subscription.spendThresholds() != null) {
            amounts(subscription.spendThresholds(), at + ".spend_thresholds", problems);
        }
    }

    private static void amounts(final List<BigDecimal> amounts, final String field, final List<String> problems) {
        for (int i = 0; i < amounts.size(); i++) {
            required(amounts.get(i), field + "[" + i + "]", problems);
            bounded(amounts.get(i), field + "[" + i + "]", problems);
        }
    }

    private static void grant(final CreditGrant grant, final String at, final List<String> problems) {
        if (grant == null) {
            problems.add(at + ": is null");
            return;
        }
        required(grant.id(), at + ".id", problems);
        required(grant.amount(), at + ".amount", problems);
        required(grant.currency(), at + ".currency", problems);
        bounded(grant.amount(), at + ".amount", problems);
        if (grant.lowBalanceAlert() != null) {
            bounded(grant.lowBalanceAlert().amount(), at + ".low_balance_alert.amount", problems);
            bounded(grant.lowBalanceAlert().percent(), at + ".low_balance_alert.percent", problems);
        }
        if (grant.amount() != null && grant.amount().signum() < 0) {
            problems.add(at + ".amount: must not be negative");
        }
    }

    private static void required(final Object value, final String field, final List<String> problems) {
        if (value == null) {
            problems.add(field + ": is required");
        }
    }

    private static void bounded(final BigDecimal value, final String field, final List<String> problems) {
        if (value != null && !Decimals.withinBounds(value)) {
            problems.add(field + ": " + Decimals.BOUNDS_MESSAGE);
        }
    }

    private static void parses(final Supplier<?> parse, final String field, final List<String> problems) {
        try {
            parse.get();
        } catch (RuntimeException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }
}
