package dev.tollgate.model.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.pricing.period.BillingInterval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One immutable version of a plan. Usage is rated with the version in force at the event's time.
 *
 * @param effectiveFrom the instant from which this version is in force
 * @param interval daily, weekly, monthly, quarterly or yearly
 * @param amount the base price per period
 * @param frequency how many intervals make one billing period (2 with monthly: every two months); null is 1
 * @param yearlyAmount the price of a year paid at once, offered beside a shorter interval's price
 * @param seatPrice the price of one seat per period, times the subscription's seats
 * @param maxSeats the most seats a subscription may have; null for no limit
 * @param billTiming when the base price is billed: in_advance or in_arrears (usage is always in arrears)
 * @param billingCycles how many periods a subscription is billed for; null for no limit
 * @param sortOrder where the plan appears in a catalog listing, lowest first
 * @param group plans offered as alternatives to each other share a group
 * @param defaultPlan the plan new customers of its group get unless told otherwise
 * @param lookupKey a stable key that clients use instead of the code, e.g. "pro-monthly-2026"
 * @param attributes free-form data for the plan's owners, kept as JSON exactly as given; never read by rating
 * @param features feature flags the plan grants (remove_branding, api_access …)
 * @param credits prepaid credits granted at the start of every period, by credit code, in the plan's currency
 * @param createdAt when this version was written
 * @param fees recurring fees beside the base price, each on its own interval; none on records written before them
 * @param minimumCommitment the least a period's statement bills in fees and usage, before coupons and credits: a
 *                          closing statement below it adds the difference, pro-rated as the base is; null for none
 * @param spendLimit the most a subscription's usage may amount to in one period (the sum of its rated deltas, before
 *                   coupons and credits): an event that would take it past is rejected; null for no limit, and a
 *                   subscription's own limit takes its place
 * @param spendThresholds ascending amounts of the period's running usage amount at which an interim statement
 *                        bills the usage so far, each once per period; none on records written before them
 * @param blockWhenCreditsExhausted true refuses events a subscriber's credit grants cannot pay for
 *                                  ({@code CREDITS_EXHAUSTED}); null or false bills them
 */
public record PlanVersion(int version, Instant effectiveFrom, String name, String description, String interval,
                          String currency, BigDecimal amount, int trialDays, List<Charge> charges,
                          Integer frequency, BigDecimal yearlyAmount, BigDecimal seatPrice, Integer maxSeats,
                          String billTiming,
                          Integer billingCycles, int sortOrder, String group, boolean defaultPlan, String lookupKey,
                          String invoiceDisplayName, Map<String, JsonNode> attributes, Map<String, Boolean> features,
                          Map<String, BigDecimal> credits, Instant createdAt, List<PlanFee> fees,
                          BigDecimal minimumCommitment, BigDecimal spendLimit, List<BigDecimal> spendThresholds,
                          Boolean blockWhenCreditsExhausted) {

    public PlanVersion {
        charges = charges == null ? List.of() : List.copyOf(charges);
        fees = fees == null ? List.of() : List.copyOf(fees);
        attributes = attributes == null ? Map.of() : attributes;
        features = features == null ? Map.of() : features;
        credits = credits == null ? Map.of() : credits;
        spendThresholds = spendThresholds == null ? List.of() : List.copyOf(spendThresholds);
    }

    public PlanVersion(final int version, final Instant effectiveFrom, final String name, final String description,
                       final String interval, final String currency, final BigDecimal amount, final int trialDays,
                       final List<Charge> charges) {
        this(version, effectiveFrom, name, description, interval, currency, amount, trialDays, charges, null, null,
            null, null, null, null, 0, null, false, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A version that does not say whether exhausted credits block usage. */
    public PlanVersion(final int version, final Instant effectiveFrom, final String name, final String description,
                       final String interval, final String currency, final BigDecimal amount, final int trialDays,
                       final List<Charge> charges, final Integer frequency, final BigDecimal yearlyAmount,
                       final BigDecimal seatPrice, final Integer maxSeats, final String billTiming,
                       final Integer billingCycles, final int sortOrder, final String group, final boolean defaultPlan,
                       final String lookupKey, final String invoiceDisplayName, final Map<String, JsonNode> attributes,
                       final Map<String, Boolean> features, final Map<String, BigDecimal> credits,
                       final Instant createdAt, final List<PlanFee> fees, final BigDecimal minimumCommitment,
                       final BigDecimal spendLimit, final List<BigDecimal> spendThresholds) {
        this(version, effectiveFrom, name, description, interval, currency, amount, trialDays, charges, frequency,
            yearlyAmount, seatPrice, maxSeats, billTiming, billingCycles, sortOrder, group, defaultPlan, lookupKey,
            invoiceDisplayName, attributes, features, credits, createdAt, fees, minimumCommitment, spendLimit,
            spendThresholds, null);
    }

    /** A version without money controls: no minimum commitment, spend limit, spend thresholds or credit blocking. */
    public PlanVersion(final int version, final Instant effectiveFrom, final String name, final String description,
                       final String interval, final String currency, final BigDecimal amount, final int trialDays,
                       final List<Charge> charges, final Integer frequency, final BigDecimal yearlyAmount,
                       final BigDecimal seatPrice, final Integer maxSeats, final String billTiming,
                       final Integer billingCycles, final int sortOrder, final String group, final boolean defaultPlan,
                       final String lookupKey, final String invoiceDisplayName, final Map<String, JsonNode> attributes,
                       final Map<String, Boolean> features, final Map<String, BigDecimal> credits,
                       final Instant createdAt, final List<PlanFee> fees) {
        this(version, effectiveFrom, name, description, interval, currency, amount, trialDays, charges, frequency,
            yearlyAmount, seatPrice, maxSeats, billTiming, billingCycles, sortOrder, group, defaultPlan, lookupKey,
            invoiceDisplayName, attributes, features, credits, createdAt, fees, null, null, null, null);
    }

    /** A version without fees beside the base price and without money controls. */
    public PlanVersion(final int version, final Instant effectiveFrom, final String name, final String description,
                       final String interval, final String currency, final BigDecimal amount, final int trialDays,
                       final List<Charge> charges, final Integer frequency, final BigDecimal yearlyAmount,
                       final BigDecimal seatPrice, final Integer maxSeats, final String billTiming,
                       final Integer billingCycles, final int sortOrder, final String group, final boolean defaultPlan,
                       final String lookupKey, final String invoiceDisplayName, final Map<String, JsonNode> attributes,
                       final Map<String, Boolean> features, final Map<String, BigDecimal> credits,
                       final Instant createdAt) {
        this(version, effectiveFrom, name, description, interval, currency, amount, trialDays, charges, frequency,
            yearlyAmount, seatPrice, maxSeats, billTiming, billingCycles, sortOrder, group, defaultPlan, lookupKey,
            invoiceDisplayName, attributes, features, credits, createdAt, null);
    }

    /** The billing period's length: the interval times the frequency (quarterly with frequency 2 is six months). */
    public BillingInterval billingInterval() {
        final BillingInterval base = BillingInterval.fromWire(interval);
        return new BillingInterval(base.unit(), base.frequency() * (frequency == null ? 1 : frequency));
    }
}
