package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Which period's price per interval a statement bills. In arrears, the statement that closes a period bills that
 * period, pro-rated. In advance, the subscription's opening statement bills the first period and each closing
 * statement bills the next one, pro-rated when the trial or a limited number of billing cycles cuts into it.
 */
public final class BaseFees {

    private BaseFees() {
    }

    /** The fee billed by the statement that closes {@code gridPeriod}, if any. */
    public static Optional<Fee> closing(String code, BigDecimal quantity, BigDecimal unitAmount,
            BillingSchedule schedule, BillTiming timing, BillingPeriod gridPeriod) {
        final BillingPeriod covered = switch (timing) {
            case ARREARS -> gridPeriod;
            case ADVANCE -> schedule.gridPeriodAt(gridPeriod.end());
            default -> throw new IllegalStateException("unhandled bill timing " + timing);
        };
        if (timing == BillTiming.ADVANCE && !schedule.isBillableAt(covered.start())) {
            return Optional.empty();
        }
        return Optional.of(new Fee(code, quantity, unitAmount, covered, schedule.prorationFor(covered)));
    }

    /** The fee billed when the subscription starts: the first period when billed in advance, nothing in arrears. */
    public static Optional<Fee> opening(String code, BigDecimal quantity, BigDecimal unitAmount,
            BillingSchedule schedule, BillTiming timing) {
        return switch (timing) {
            case ARREARS -> Optional.empty();
            case ADVANCE -> {
                final BillingPeriod first = schedule.gridPeriodAt(schedule.startedAt());
                yield Optional.of(new Fee(code, quantity, unitAmount, first, schedule.prorationFor(first)));
            }
            default -> throw new IllegalStateException("unhandled bill timing " + timing);
        };
    }

    /**
     * The credit for a fee billed in advance ({@code billed}, as its statement line reads, rounded) once billing ended
     * inside the period it paid for: the period owes {@code owed} (the same fee pro-rated to the days billable), so
     * {@code owed - billed} goes back, each side rounded to {@code scale} as its own line is, so that what the customer
     * pays for the period is exactly the owed line. When coupons took part of the statement that billed the fee, only
     * the {@code paidShare} of that difference goes back (rounded half-up once more), since only that share was
     * paid. Nothing when the period owes as much as was billed or more (a fee billed already pro-rated, or a quantity
     * raised since).
     */
    public static Optional<FeeCredit> unused(BigDecimal billed, Fee owed, BigDecimal paidShare, int scale) {
        final BigDecimal credit = owed.amount(scale).subtract(billed.setScale(scale, RoundingMode.HALF_UP))
                .multiply(paidShare).setScale(scale, RoundingMode.HALF_UP);
        return credit.signum() < 0 ? Optional.of(new FeeCredit(owed.code(), owed.quantity(), credit))
                : Optional.empty();
    }
}
