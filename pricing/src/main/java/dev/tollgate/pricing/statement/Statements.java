package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.money.Currencies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Computes a statement as a pure function of its request.
 *
 * <p>Rounding rule: each line is rounded once, half-up, to the currency's minor unit (a pro-rated price is multiplied
 * out and divided once, at that point); subtotal and total are sums of rounded lines, so they never disagree with the
 * lines a customer reads. Coupons then apply to the subtotal as Lago applies them: coupons limited to plans first, then
 * the others, each in the order given; a percentage coupon takes its rate of what is left (rounded half-up), a fixed
 * coupon takes its amount or what is left if less; once nothing is left the remaining coupons are not used. Coupons
 * apply to what the statement bills, never to the credit for fees billed in advance and not used: that credit gives
 * back only what was paid after the coupons of the statement that billed the fee ({@link AdvanceBilling}), so a
 * discount is not given twice. What credit grants paid as the period's events were rated comes off before coupons,
 * one line per grant, rounded down to whole minor units and never more than the statement bills; coupons then take
 * their part of the rest. Prepaid credits pay what is left after coupons and advance credits, balance by balance, in
 * whole minor units.
 *
 * <p>A plan's minimum commitment is compared with the statement's fee and usage lines (rounded, before coupons,
 * credits and advance credits); what they fall short of it is one {@code minimum_commitment} line after the usage
 * lines, part of the subtotal that coupons and credits then apply to ({@link MinimumCommitment}). What interim
 * statements of the period billed already is subtracted last, in one {@code interim_billed} line outside the
 * subtotal, so that they and the final statement bill what the period would have billed without them
 * ({@link InterimBilling}).
 */
public final class Statements {

    private Statements() {
    }

    public static Statement compute(StatementRequest request) {
        final int scale = Currencies.minorUnits(request.currency());
        final List<StatementLine> lines = new ArrayList<>();
        if (request.base() != null) {
            lines.add(feeLine(LineType.SUBSCRIPTION, request.base(), scale));
        }
        for (Fee fee : request.fees()) {
            lines.add(feeLine(LineType.FEE, fee, scale));
        }
        if (request.seats() != null) {
            lines.add(feeLine(LineType.SEATS, request.seats(), scale));
        }
        for (Fee addOn : request.addOns()) {
            lines.add(feeLine(LineType.ADD_ON, addOn, scale));
        }
        final List<StatementLine> advanceCredits = new ArrayList<>();
        for (FeeCredit credit : request.advanceCredits()) {
            advanceCredits.add(new StatementLine(LineType.ADVANCE_CREDIT, credit.code(), credit.units(),
                    credit.amount().setScale(scale, RoundingMode.HALF_UP)));
        }
        lines.addAll(advanceCredits);
        for (UsageCharge usage : request.usage()) {
            lines.add(new StatementLine(LineType.USAGE, usage.lineCode(), usage.units(),
                    usage.amount().setScale(scale, RoundingMode.HALF_UP)));
        }
        if (request.minimumCommitment() != null) {
            // Measured against what the period bills, not what an advance credit gives back of an earlier one.
            final BigDecimal billed = sum(lines, scale).subtract(sum(advanceCredits, scale));
            MinimumCommitment.trueUp(request.minimumCommitment(), billed, scale).ifPresent(trueUp -> lines.add(
                    new StatementLine(LineType.MINIMUM_COMMITMENT, request.minimumCommitment().code(), BigDecimal.ONE,
                            trueUp)));
        }
        final BigDecimal subtotal = sum(lines, scale);
        final BigDecimal givenBack = sum(advanceCredits, scale);

        BigDecimal left = subtotal.subtract(givenBack);
        for (GrantUse grant : request.grantsUsed()) {
            final BigDecimal paid = grant.paid().setScale(scale, RoundingMode.DOWN).min(left.max(BigDecimal.ZERO));
            if (paid.signum() > 0) {
                lines.add(new StatementLine(LineType.CREDIT_GRANT, grant.grantId(), BigDecimal.ONE, paid.negate()));
                left = left.subtract(paid);
            }
        }
        final List<AppliedAmount> couponsApplied = new ArrayList<>();
        for (Coupon coupon : inApplicationOrder(request.coupons())) {
            if (left.signum() <= 0) {
                break;
            }
            if (!coupon.appliesTo(request.planCode(), request.currency(), request.issuedAt())) {
                continue;
            }
            final BigDecimal discount = discount(coupon, left, scale);
            lines.add(new StatementLine(LineType.COUPON, coupon.code(), BigDecimal.ONE, discount.negate()));
            couponsApplied.add(new AppliedAmount(coupon.code(), discount));
            left = left.subtract(discount);
        }
        left = left.add(givenBack);

        final List<AppliedAmount> creditsApplied = new ArrayList<>();
        for (CreditBalance credit : request.credits()) {
            if (left.signum() <= 0) {
                break;
            }
            final BigDecimal drawn = credit.draw(left, scale).drawn();
            if (drawn.signum() == 0) {
                continue;
            }
            lines.add(new StatementLine(LineType.CREDIT, credit.code(), BigDecimal.ONE, drawn.negate()));
            creditsApplied.add(new AppliedAmount(credit.code(), drawn));
            left = left.subtract(drawn);
        }

        if (request.interimBilled().signum() != 0) {
            lines.add(new StatementLine(LineType.INTERIM_BILLED, request.planCode(), BigDecimal.ONE,
                    request.interimBilled().setScale(scale, RoundingMode.HALF_UP).negate()));
        }

        return new Statement(request.currency(), request.period(), lines, subtotal, sum(lines, scale),
                request.finalStatement(), couponsApplied, creditsApplied);
    }

    private static StatementLine feeLine(LineType type, Fee fee, int scale) {
        return new StatementLine(type, fee.code(), fee.quantity(), fee.amount(scale));
    }

    /** Lago applies coupons limited to plans before unlimited ones; a stable sort keeps the given order otherwise. */
    private static List<Coupon> inApplicationOrder(List<Coupon> coupons) {
        final List<Coupon> ordered = new ArrayList<>(coupons);
        ordered.sort(Comparator.comparing(coupon -> !coupon.limitedToPlans()));
        return ordered;
    }

    private static BigDecimal discount(Coupon coupon, BigDecimal left, int scale) {
        final BigDecimal wanted = switch (coupon.type()) {
            case PERCENTAGE -> left.multiply(coupon.percentageRate()).movePointLeft(2)
                    .setScale(scale, RoundingMode.HALF_UP);
            case FIXED_AMOUNT -> coupon.amount().setScale(scale, RoundingMode.HALF_UP);
            default -> throw new IllegalStateException("unhandled coupon type " + coupon.type());
        };
        return wanted.min(left);
    }

    private static BigDecimal sum(List<StatementLine> lines, int scale) {
        BigDecimal total = BigDecimal.ZERO.setScale(scale);
        for (StatementLine line : lines) {
            total = total.add(line.amount());
        }
        return total;
    }
}
