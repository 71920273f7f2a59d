package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a statement is computed from. The same request shape serves the upcoming statement of a running period
 * ({@code finalStatement} false) and the final one once the period closed, so both come out of the same code.
 *
 * @param planCode       the subscription's plan, for coupons limited to plans
 * @param currency       ISO 4217 code; every amount is in it
 * @param period         the usage period the statement closes
 * @param issuedAt       when the statement is computed, for coupon validity windows
 * @param finalStatement whether the period is closed and the statement will not change
 * @param base           the plan's base price for the period it pays, or null when none is billed on this statement
 * @param fees           the plan's other recurring fees billed on this statement
 * @param seats          seats x per-seat price, or null
 * @param addOns         add-ons billed on this statement
 * @param advanceCredits what goes back of fees billed in advance for a period that billing ended inside
 * @param usage          one entry per charge (and per group for grouped charges) with its full-precision amount
 * @param coupons        the customer's coupons, in the order they were applied to the customer
 * @param credits        the customer's prepaid credit balances, in the order they are consumed
 * @param minimumCommitment the plan's minimum for the period, pro-rated as its base is ({@link MinimumCommitment}),
 *                          or null when the statement owes none
 * @param interimBilled  what the period's interim statements billed already (rounded), subtracted last
 *                       ({@link InterimBilling}); zero without them
 * @param grantsUsed     what the customer's credit grants paid of the period as its events were rated
 */
public record StatementRequest(String planCode, String currency, BillingPeriod period, Instant issuedAt,
        boolean finalStatement, Fee base, List<Fee> fees, Fee seats, List<Fee> addOns, List<FeeCredit> advanceCredits,
        List<UsageCharge> usage, List<Coupon> coupons, List<CreditBalance> credits, Fee minimumCommitment,
        BigDecimal interimBilled, List<GrantUse> grantsUsed) {

    public StatementRequest {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(issuedAt, "issuedAt");
        fees = fees == null ? List.of() : List.copyOf(fees);
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
        advanceCredits = advanceCredits == null ? List.of() : List.copyOf(advanceCredits);
        usage = usage == null ? List.of() : List.copyOf(usage);
        coupons = coupons == null ? List.of() : List.copyOf(coupons);
        credits = credits == null ? List.of() : List.copyOf(credits);
        interimBilled = interimBilled == null ? BigDecimal.ZERO : interimBilled;
        grantsUsed = grantsUsed == null ? List.of() : List.copyOf(grantsUsed);
    }

    /** A request without credit grants. */
    public StatementRequest(String planCode, String currency, BillingPeriod period, Instant issuedAt,
            boolean finalStatement, Fee base, List<Fee> fees, Fee seats, List<Fee> addOns,
            List<FeeCredit> advanceCredits, List<UsageCharge> usage, List<Coupon> coupons, List<CreditBalance> credits,
            Fee minimumCommitment, BigDecimal interimBilled) {
        this(planCode, currency, period, issuedAt, finalStatement, base, fees, seats, addOns, advanceCredits, usage,
                coupons, credits, minimumCommitment, interimBilled, List.of());
    }

    /** A request without a minimum commitment, interim statements or credit grants. */
    public StatementRequest(String planCode, String currency, BillingPeriod period, Instant issuedAt,
            boolean finalStatement, Fee base, List<Fee> fees, Fee seats, List<Fee> addOns,
            List<FeeCredit> advanceCredits, List<UsageCharge> usage, List<Coupon> coupons, List<CreditBalance> credits) {
        this(planCode, currency, period, issuedAt, finalStatement, base, fees, seats, addOns, advanceCredits, usage,
                coupons, credits, null, null, List.of());
    }

    /** A request without fees beside the base price. */
    public StatementRequest(String planCode, String currency, BillingPeriod period, Instant issuedAt,
            boolean finalStatement, Fee base, Fee seats, List<Fee> addOns, List<FeeCredit> advanceCredits,
            List<UsageCharge> usage, List<Coupon> coupons, List<CreditBalance> credits) {
        this(planCode, currency, period, issuedAt, finalStatement, base, List.of(), seats, addOns, advanceCredits,
                usage, coupons, credits);
    }

    /** A request without other fees and without advance credits. */
    public StatementRequest(String planCode, String currency, BillingPeriod period, Instant issuedAt,
            boolean finalStatement, Fee base, Fee seats, List<Fee> addOns, List<UsageCharge> usage, List<Coupon> coupons,
            List<CreditBalance> credits) {
        this(planCode, currency, period, issuedAt, finalStatement, base, List.of(), seats, addOns, List.of(),
                usage, coupons, credits);
    }
}
