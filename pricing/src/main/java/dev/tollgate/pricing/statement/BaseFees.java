package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import java.math.BigDecimal;
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
}
