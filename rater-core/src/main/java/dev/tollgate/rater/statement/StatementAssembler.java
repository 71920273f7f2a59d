package dev.tollgate.rater.statement;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanFee;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.rating.Period;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import dev.tollgate.pricing.period.IntervalUnit;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.pricing.statement.AdvanceBilling;
import dev.tollgate.pricing.statement.BaseFees;
import dev.tollgate.pricing.statement.BillTiming;
import dev.tollgate.pricing.statement.CouponType;
import dev.tollgate.pricing.statement.CreditBalance;
import dev.tollgate.pricing.statement.Fee;
import dev.tollgate.pricing.statement.FeeCredit;
import dev.tollgate.pricing.statement.GrantUse;
import dev.tollgate.pricing.statement.InterimBilling;
import dev.tollgate.pricing.statement.LineType;
import dev.tollgate.pricing.statement.Statement;
import dev.tollgate.pricing.statement.StatementRequest;
import dev.tollgate.pricing.statement.Statements;
import dev.tollgate.pricing.statement.UsageCharge;
import dev.tollgate.rater.state.ChargeSlot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one subscription's closed period into its statement: base price by bill timing, seats,
 * add-ons, one usage line per charge, the true-up to the version's minimum commitment, coupons, the
 * plan's credits and what the period's interim statements billed already, all through the pricing
 * module's {@link Statements}. No Kafka here: the caller hands in the period's charge states and the
 * catalog entries.
 */
public final class StatementAssembler {

    private static final String PER_SEAT = "per_seat";
    private static final BigDecimal WEEKS_PER_MONTH = new BigDecimal("52").divide(new BigDecimal("12"),
        MathContext.DECIMAL64);
    private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("365").divide(new BigDecimal("12"),
        MathContext.DECIMAL64);

    private final Function<String, Meter> meters;
    private final Function<String, AddOn> addOns;
    private final Function<String, Coupon> coupons;

    /** @param meters catalog meters by code (null when unknown); likewise {@code addOns} and {@code coupons} */
    public StatementAssembler(final Function<String, Meter> meters, final Function<String, AddOn> addOns,
                              final Function<String, Coupon> coupons) {
        this.meters = meters;
        this.addOns = addOns;
        this.coupons = coupons;
    }

    /** A statement without advance credits: nothing billed in advance is given back. */
    public PeriodStatement assemble(final Subscription subscription, final Plan plan, final PlanVersion version,
                                    final BillingPeriod grid, final BillingPeriod period,
                                    final Map<ChargeSlot, ChargeState> states, final Instant issuedAt) {
        return assemble(subscription, plan, version, grid, period, states, feePeriodStart -> AdvanceBilling.NONE,
            BigDecimal.ZERO, List.of(), issuedAt);
    }

    /**
     * @param version the plan version that bills the period: the pinned one, else the one in force at its start
     * @param grid the grid period, as the rater keys charge state by it
     * @param period the statement period: the grid cut to the subscription's start and end
     * @param states the period's charge states by charge (and group, for a grouped charge)
     * @param billedInAdvance for the start of a fee period (a plan period, a year paid yearly, a fee's own
     *                        period), what the statement that billed it in advance charged for each fee, by
     *                        {@link #feeKey}, and the share paid after its coupons; when billing ends inside
     *                        the fee period, that share of the unused part goes back. Asked only then.
     * @param interimBilled what the period's interim statements billed already, subtracted in the last line
     * @param grantsUsed what each credit grant paid of the period as its events were rated
     */
    public PeriodStatement assemble(final Subscription subscription, final Plan plan, final PlanVersion version,
                                    final BillingPeriod grid, final BillingPeriod period,
                                    final Map<ChargeSlot, ChargeState> states,
                                    final Function<Instant, AdvanceBilling> billedInAdvance,
                                    final BigDecimal interimBilled, final List<GrantUse> grantsUsed,
                                    final Instant issuedAt) {
        final BillTiming timing = timing(version);
        final FeePrices prices = FeePrices.of(subscription, version);
        final BillingPeriod feePeriod = prices.feePeriodAt(grid.start());
        final boolean billsFees = prices.closes(feePeriod, period);
        final BillingSchedule schedule = prices.schedule();
        final Fee base = !billsFees ? null
            : BaseFees.closing(plan.code(), BigDecimal.ONE, prices.base(), schedule, timing, feePeriod)
                .filter(fee -> prices.base().signum() > 0)
                .orElse(null);
        final Fee seats = !billsFees || subscription.seats() == null || subscription.seats() == 0
            || prices.seat() == null ? null : BaseFees.closing("seats", BigDecimal.valueOf(subscription.seats()),
                prices.seat(), schedule, timing, feePeriod).orElse(null);
        final List<FeeCredit> credits = new ArrayList<>();
        if (timing == BillTiming.ADVANCE && billsFees && period.end().isBefore(feePeriod.end())) {
            credits.addAll(unusedAdvance(subscription, plan, version, prices, feePeriod,
                billedInAdvance.apply(feePeriod.start())));
        }
        final List<Fee> planFees = new ArrayList<>();
        for (final PlanFee fee : version.fees()) {
            final BillingSchedule feeSchedule = FeePrices.scheduleOf(subscription, version, fee.interval()
                .billingInterval());
            final BillingPeriod ownPeriod = feeSchedule.gridPeriodAt(grid.start());
            if (!FeePrices.closes(feeSchedule, ownPeriod, period)) {
                continue;
            }
            BaseFees.closing(fee.code(), BigDecimal.ONE, fee.amount(), feeSchedule, timing, ownPeriod)
                .filter(owed -> fee.amount().signum() > 0).ifPresent(planFees::add);
            if (timing == BillTiming.ADVANCE && period.end().isBefore(ownPeriod.end())) {
                final AdvanceBilling billed = billedInAdvance.apply(ownPeriod.start());
                final BigDecimal paid = billed.fees().get(feeKey(LineType.FEE.wireName(), fee.code()));
                if (paid != null) {
                    BaseFees.unused(paid, new Fee(fee.code(), BigDecimal.ONE, fee.amount(), ownPeriod,
                        feeSchedule.prorationFor(ownPeriod)), billed.paidShare(),
                        Currencies.minorUnits(version.currency())).ifPresent(credits::add);
                }
            }
        }
        final List<Fee> addOnFees = billsFees ? addOnFees(subscription, version, prices, timing, feePeriod)
            : List.of();
        final Map<String, Charge> charges = charges(plan, version, states);
        final List<UsageCharge> usage = usage(charges, states);
        final StatementRequest request = new StatementRequest(plan.code(), version.currency(), period, issuedAt,
            true, base, planFees, seats, addOnFees, credits, usage, statementCoupons(subscription), credits(version),
            minimumCommitment(plan, version, subscription.schedule(version), grid), interimBilled, grantsUsed);
        return statement(PeriodStatement.idOf(subscription.id(), grid.start()), PeriodStatement.STATEMENT,
            subscription, plan, version, period, Statements.compute(request),
            labels(subscription, plan, version, charges, usage), issuedAt);
    }

    /**
     * The opening statement of a subscription whose first period is billed in advance: the first
     * period's base, seat and add-on fees, pro-rated to its billable days, with coupons. The plan's
     * credits are left to the closing statements, one draw per period.
     */
    public PeriodStatement assembleOpening(final Subscription subscription, final Plan plan,
                                           final PlanVersion version, final Instant issuedAt) {
        final BillingSchedule periods = subscription.schedule(version);
        final BillingPeriod grid = periods.gridPeriodAt(subscription.startedAt());
        final BillingPeriod period = periods.statementPeriodAt(subscription.startedAt()).orElse(grid);
        final FeePrices prices = FeePrices.of(subscription, version);
        final BillingSchedule schedule = prices.schedule();
        final Fee base = BaseFees.opening(plan.code(), BigDecimal.ONE, prices.base(), schedule, BillTiming.ADVANCE)
            .filter(fee -> prices.base().signum() > 0)
            .orElse(null);
        final Fee seats = subscription.seats() == null || subscription.seats() == 0 || prices.seat() == null
            ? null : BaseFees.opening("seats", BigDecimal.valueOf(subscription.seats()), prices.seat(),
                schedule, BillTiming.ADVANCE).orElse(null);
        final List<Fee> addOns = new ArrayList<>();
        for (final SubscriptionAddOn taken : subscription.addOns()) {
            final AddOn addOn = addOns(taken, version);
            if (addOn != null) {
                BaseFees.opening(addOn.code(), quantity(taken, addOn, subscription),
                    pricePerPeriod(addOn, prices.addOnInterval()), schedule, BillTiming.ADVANCE).ifPresent(addOns::add);
            }
        }
        final List<Fee> planFees = new ArrayList<>();
        for (final PlanFee fee : version.fees()) {
            BaseFees.opening(fee.code(), BigDecimal.ONE, fee.amount(), FeePrices.scheduleOf(subscription, version,
                fee.interval().billingInterval()), BillTiming.ADVANCE)
                .filter(owed -> fee.amount().signum() > 0).ifPresent(planFees::add);
        }
        final StatementRequest request = new StatementRequest(plan.code(), version.currency(), period, issuedAt,
            true, base, planFees, seats, addOns, List.of(), List.of(), statementCoupons(subscription), List.of());
        return statement(PeriodStatement.openingIdOf(subscription.id(), grid.start()), PeriodStatement.OPENING,
            subscription, plan, version, period, Statements.compute(request),
            labels(subscription, plan, version, Map.of(), List.of()), issuedAt);
    }

    /**
     * The version's minimum for the plan period {@code grid}, pro-rated to its billable days as the base fee of a
     * period cut short is; null when the version sets none.
     */
    private static Fee minimumCommitment(final Plan plan, final PlanVersion version, final BillingSchedule periods,
                                         final BillingPeriod grid) {
        final BigDecimal minimum = version.minimumCommitment();
        if (minimum == null || minimum.signum() <= 0) {
            return null;
        }
        return new Fee(plan.code(), BigDecimal.ONE, minimum, grid, periods.prorationFor(grid));
    }

    /**
     * The interim statement of a running period whose usage amount reached {@code thresholds} (ascending): the
     * amount so far less what earlier interim statements billed ({@link InterimBilling}), not final, named by the
     * highest threshold so that a replay of the same event publishes the same id.
     *
     * @param grid the grid period, whose start names the statement as the period's statement is named
     * @param at the reaching event's time, in the period
     * @param spent the period's running usage amount, the reaching event's included
     */
    public static PeriodStatement interim(final Subscription subscription, final PlanVersion version,
                                          final BillingPeriod grid, final Instant at, final BigDecimal spent,
                                          final BigDecimal billedBefore, final List<BigDecimal> thresholds,
                                          final Instant issuedAt) {
        // The period its final statement will cover: the grid cut to the subscription's start and end.
        final BillingPeriod period = subscription.schedule(version).statementPeriodAt(at).orElse(grid);
        final Statement statement = InterimBilling.statement(subscription.plan(), version.currency(),
            period, spent, billedBefore);
        final List<StatementLine> lines = statement.lines().stream().map(line -> new StatementLine(
            line.type().wireName(), line.code(), line.units(), line.amount())).toList();
        return new PeriodStatement(PeriodStatement.interimIdOf(subscription.id(), grid.start(),
            thresholds.get(thresholds.size() - 1)), PeriodStatement.INTERIM, null, subscription.id(),
            subscription.customerId(), subscription.plan(), version.version(), new Period(period.start(),
            period.end()), version.currency(), lines, statement.subtotal(), statement.total(), false, null, issuedAt);
    }

    /** Whether the version bills its fees at the start of the period they pay for. */
    public static boolean inAdvance(final PlanVersion version) {
        return timing(version) == BillTiming.ADVANCE;
    }

    /** The key of a fee line in {@code billedInAdvance}: its type and code. */
    public static String feeKey(final String type, final String code) {
        return type + "/" + code;
    }

    /** Whether a statement line bills a fee paid in advance (base, a plan fee, seats, add-on). */
    public static boolean isFee(final String type) {
        return LineType.SUBSCRIPTION.wireName().equals(type) || LineType.FEE.wireName().equals(type)
            || LineType.SEATS.wireName().equals(type) || LineType.ADD_ON.wireName().equals(type);
    }

    private static BillTiming timing(final PlanVersion version) {
        return version.billTiming() == null ? BillTiming.ARREARS : BillTiming.fromWire(version.billTiming());
    }

    /**
     * Each fee billed in advance for {@code grid} (a fee period), against what it owes now that billing
     * ended in it.
     */
    private List<FeeCredit> unusedAdvance(final Subscription subscription, final Plan plan, final PlanVersion version,
                                          final FeePrices prices, final BillingPeriod grid,
                                          final AdvanceBilling billed) {
        final int scale = Currencies.minorUnits(version.currency());
        final BillingSchedule schedule = prices.schedule();
        final List<FeeCredit> credits = new ArrayList<>();
        final List<Map.Entry<String, Fee>> owed = new ArrayList<>();
        owed.add(Map.entry(feeKey(LineType.SUBSCRIPTION.wireName(), plan.code()),
            new Fee(plan.code(), BigDecimal.ONE, prices.base(), grid, schedule.prorationFor(grid))));
        if (subscription.seats() != null && prices.seat() != null) {
            owed.add(Map.entry(feeKey(LineType.SEATS.wireName(), "seats"), new Fee("seats",
                BigDecimal.valueOf(subscription.seats()), prices.seat(), grid, schedule.prorationFor(grid))));
        }
        for (final SubscriptionAddOn taken : subscription.addOns()) {
            final AddOn addOn = addOns(taken, version);
            if (addOn != null) {
                owed.add(Map.entry(feeKey(LineType.ADD_ON.wireName(), addOn.code()), new Fee(addOn.code(),
                    quantity(taken, addOn, subscription), pricePerPeriod(addOn, prices.addOnInterval()), grid,
                    schedule.prorationFor(grid))));
            }
        }
        for (final Map.Entry<String, Fee> fee : owed) {
            final BigDecimal paid = billed.fees().get(fee.getKey());
            if (paid != null) {
                BaseFees.unused(paid, fee.getValue(), billed.paidShare(), scale).ifPresent(credits::add);
            }
        }
        return credits;
    }

    private AddOn addOns(final SubscriptionAddOn taken, final PlanVersion version) {
        final AddOn addOn = addOns.apply(taken.code());
        return addOn == null || !version.currency().equals(addOn.currency()) ? null : addOn;
    }

    private static PeriodStatement statement(final String id, final String kind, final Subscription subscription,
                                             final Plan plan, final PlanVersion version, final BillingPeriod period,
                                             final Statement statement, final LineLabels labels,
                                             final Instant issuedAt) {
        final List<StatementLine> lines = statement.lines().stream().map(labels::label).toList();
        return new PeriodStatement(id, kind, null, subscription.id(), subscription.customerId(), plan.code(),
            version.version(), new Period(period.start(), period.end()), version.currency(), lines,
            statement.subtotal(), statement.total(), true, null, issuedAt);
    }

    private LineLabels labels(final Subscription subscription, final Plan plan, final PlanVersion version,
                              final Map<String, Charge> charges, final List<UsageCharge> usage) {
        final List<AddOn> taken = new ArrayList<>();
        for (final SubscriptionAddOn addOn : subscription.addOns()) {
            final AddOn found = addOns(addOn, version);
            if (found != null) {
                taken.add(found);
            }
        }
        return new LineLabels(plan.code(), version.invoiceDisplayName(), version.fees(), taken, charges, usage);
    }

    /**
     * The charges that bill the period: every charge of the version in force, and a charge a later
     * version dropped that still rated usage in it.
     */
    private static Map<String, Charge> charges(final Plan plan, final PlanVersion version,
                                               final Map<ChargeSlot, ChargeState> states) {
        final Map<String, Charge> charges = new LinkedHashMap<>();
        version.charges().forEach(charge -> charges.put(charge.code(), charge));
        for (final ChargeSlot slot : states.keySet()) {
            if (!charges.containsKey(slot.code())) {
                chargeInAnyVersion(plan, slot.code()).ifPresent(charge -> charges.put(slot.code(), charge));
            }
        }
        return charges;
    }

    /**
     * One line per charge (per group of a grouped charge) that priced the period, and one for each
     * charge of the version in force without usage, which may still owe something at zero units (a
     * first range's flat amount).
     */
    private List<UsageCharge> usage(final Map<String, Charge> charges, final Map<ChargeSlot, ChargeState> states) {
        final List<UsageCharge> lines = new ArrayList<>(charges.size());
        for (final Charge charge : charges.values()) {
            final Meter meter = meters.apply(charge.meter());
            if (meter == null) {
                throw new IllegalStateException("meter " + charge.meter() + " of charge " + charge.code()
                    + " is not known yet");
            }
            final ChargeRater rater = ChargeRater.of(meter.aggregation(), charge.model(), charge.properties());
            final List<Map.Entry<ChargeSlot, ChargeState>> used = states.entrySet().stream()
                .filter(entry -> entry.getKey().code().equals(charge.code())).toList();
            if (used.isEmpty()) {
                final ChargeState none = ChargeState.empty();
                lines.add(UsageCharge.of(charge.code(), none.units(), rater.amountDue(none)));
            }
            for (final Map.Entry<ChargeSlot, ChargeState> entry : used) {
                lines.add(new UsageCharge(charge.code(), entry.getKey().group(), entry.getValue().units(),
                    rater.amountDue(entry.getValue())));
            }
        }
        return lines;
    }

    /** A charge dropped by a later version still bills what it rated before the change. */
    private static Optional<Charge> chargeInAnyVersion(final Plan plan, final String code) {
        for (int i = plan.versions().size() - 1; i >= 0; i--) {
            for (final Charge charge : plan.versions().get(i).charges()) {
                if (charge.code().equals(code)) {
                    return Optional.of(charge);
                }
            }
        }
        return Optional.empty();
    }

    private List<Fee> addOnFees(final Subscription subscription, final PlanVersion version, final FeePrices prices,
                                final BillTiming timing, final BillingPeriod grid) {
        final List<Fee> fees = new ArrayList<>();
        for (final SubscriptionAddOn taken : subscription.addOns()) {
            final AddOn addOn = addOns.apply(taken.code());
            if (addOn == null || !version.currency().equals(addOn.currency())) {
                continue;
            }
            BaseFees.closing(addOn.code(), quantity(taken, addOn, subscription),
                    pricePerPeriod(addOn, prices.addOnInterval()), prices.schedule(), timing, grid)
                .ifPresent(fees::add);
        }
        return fees;
    }

    /** A per-seat add-on counts once per seat for each unit taken. */
    static BigDecimal quantity(final SubscriptionAddOn taken, final AddOn addOn, final Subscription subscription) {
        final BigDecimal units = BigDecimal.valueOf(taken.quantity());
        if (PER_SEAT.equals(addOn.unit())) {
            return units.multiply(BigDecimal.valueOf(subscription.seats() == null ? 0 : subscription.seats()));
        }
        return units;
    }

    /**
     * Add-ons are priced per month (and optionally per year); a period of another length pays the
     * monthly price pro rata: a quarter three months, a week 12/52 of a month, a day 12/365.
     */
    static BigDecimal pricePerPeriod(final AddOn addOn, final BillingInterval interval) {
        final BigDecimal frequency = BigDecimal.valueOf(interval.frequency());
        final IntervalUnit unit = interval.unit();
        return switch (unit) {
            case YEAR -> addOn.yearlyAmount() != null ? addOn.yearlyAmount().multiply(frequency)
                : addOn.monthlyAmount().multiply(BigDecimal.valueOf(12)).multiply(frequency);
            case MONTH -> addOn.monthlyAmount().multiply(frequency);
            case WEEK -> addOn.monthlyAmount().multiply(frequency).divide(WEEKS_PER_MONTH, MathContext.DECIMAL64);
            case DAY -> addOn.monthlyAmount().multiply(frequency).divide(DAYS_PER_MONTH, MathContext.DECIMAL64);
        };
    }

    private List<dev.tollgate.pricing.statement.Coupon> statementCoupons(final Subscription subscription) {
        final List<dev.tollgate.pricing.statement.Coupon> applied = new ArrayList<>();
        for (final String code : subscription.coupons()) {
            final Coupon coupon = coupons.apply(code);
            if (coupon == null || !coupon.active()) {
                continue;
            }
            final CouponType type = "percentage".equals(coupon.couponType()) ? CouponType.PERCENTAGE
                : CouponType.FIXED_AMOUNT;
            applied.add(new dev.tollgate.pricing.statement.Coupon(coupon.code(), type, coupon.percentageRate(),
                coupon.amount(), coupon.currency(), null, coupon.validFrom(), coupon.validUntil(), coupon.plans()));
        }
        return applied;
    }

    private static List<CreditBalance> credits(final PlanVersion version) {
        final List<CreditBalance> balances = new ArrayList<>();
        version.credits().forEach((code, amount) -> balances.add(new CreditBalance(code, amount)));
        return balances;
    }
}
