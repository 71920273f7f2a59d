package dev.tollgate.pricing.statement;

import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.period.BillingPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Interim statements of a running period (spend thresholds): when the period's running usage amount reaches a
 * threshold, what it amounts to so far is billed at once, less what the period's earlier interim statements billed;
 * the period's final statement is then computed in full and subtracts everything its interim statements billed in
 * one last line ({@link LineType#INTERIM_BILLED}), after its coupons and credits. So coupons, credits and the minimum
 * commitment apply to the whole period exactly as without thresholds, and the interim totals and the final total
 * add up to the final total a period without thresholds would have, to the minor unit.
 */
public final class InterimBilling {

    private InterimBilling() {
    }

    /**
     * What an interim statement bills once the period's running amount is {@code runningAmount} (full precision)
     * and earlier interim statements billed {@code billedBefore} (rounded): the running amount rounded once to
     * {@code scale}, less what was billed before.
     */
    public static BigDecimal due(BigDecimal runningAmount, BigDecimal billedBefore, int scale) {
        return runningAmount.setScale(scale, RoundingMode.HALF_UP).subtract(billedBefore.setScale(scale,
                RoundingMode.HALF_UP));
    }

    /**
     * The interim statement of {@code period} (the running period up to the statement) once its running amount is
     * {@code runningAmount}: one {@link LineType#INTERIM_USAGE} line of {@link #due}, named {@code code}.
     */
    public static Statement statement(String code, String currency, BillingPeriod period, BigDecimal runningAmount,
            BigDecimal billedBefore) {
        final BigDecimal due = due(runningAmount, billedBefore, Currencies.minorUnits(currency));
        return new Statement(currency, period, List.of(new StatementLine(LineType.INTERIM_USAGE, code, BigDecimal.ONE,
                due)), due, due, false, List.of(), List.of());
    }

    /**
     * The thresholds an amount moving from {@code before} to {@code after} reached: those above {@code before} and
     * at most {@code after}, in the order given (ascending); none when the amount did not rise.
     */
    public static List<BigDecimal> reached(List<BigDecimal> thresholds, BigDecimal before, BigDecimal after) {
        return thresholds.stream()
                .filter(threshold -> threshold.compareTo(before) > 0 && threshold.compareTo(after) <= 0)
                .toList();
    }
}
