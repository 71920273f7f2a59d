package dev.tollgate.rater.statement;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.PlanFee;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.pricing.statement.UsageCharge;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an invoice prints for each line of a statement. A usage line takes its charge's
 * {@code invoice_display_name} and {@code unit_label}; the base and seat lines take the plan
 * version's {@code invoice_display_name}, a plan fee's line the fee's, an add-on line the add-on's
 * name, and an advance credit the name of the fee it gives back. Coupon and credit lines carry
 * neither: their code is all there is.
 */
final class LineLabels {

    private static final String SEATS = "seats";

    private final String planCode;
    private final String planDisplayName;
    private final Map<String, String> feeNames = new HashMap<>();
    private final Map<String, String> addOnNames = new HashMap<>();
    private final Map<String, Charge> usageCharges = new HashMap<>();

    /**
     * @param charges the charges that billed the usage lines, by charge code
     * @param usage the usage lines as the statement was asked for them, whose line codes name a group
     */
    LineLabels(final String planCode, final String planDisplayName, final List<PlanFee> fees,
               final List<AddOn> addOns, final Map<String, Charge> charges, final List<UsageCharge> usage) {
        this.planCode = planCode;
        this.planDisplayName = planDisplayName;
        fees.forEach(fee -> feeNames.put(fee.code(), fee.invoiceDisplayName()));
        addOns.forEach(addOn -> addOnNames.put(addOn.code(), addOn.name()));
        usage.forEach(line -> usageCharges.put(line.lineCode(), charges.get(line.code())));
    }

    StatementLine label(final dev.tollgate.pricing.statement.StatementLine line) {
        final String type = line.type().wireName();
        return switch (line.type()) {
            case SUBSCRIPTION, SEATS -> labelled(line, type, planDisplayName, null);
            case FEE -> labelled(line, type, feeNames.get(line.code()), null);
            case ADD_ON -> labelled(line, type, addOnNames.get(line.code()), null);
            case ADVANCE_CREDIT -> labelled(line, type, creditedFeeName(line.code()), null);
            case USAGE -> {
                final Charge charge = usageCharges.get(line.code());
                yield charge == null ? labelled(line, type, null, null)
                    : labelled(line, type, charge.invoiceDisplayName(), charge.unitLabel());
            }
            default -> labelled(line, type, null, null);
        };
    }

    /** Plan fees' codes differ from the plan's and from seats (the plan API refuses them), so the order is safe. */
    private String creditedFeeName(final String code) {
        if (planCode.equals(code) || SEATS.equals(code)) {
            return planDisplayName;
        }
        return feeNames.containsKey(code) ? feeNames.get(code) : addOnNames.get(code);
    }

    private static StatementLine labelled(final dev.tollgate.pricing.statement.StatementLine line, final String type,
                                          final String displayName, final String unitLabel) {
        return new StatementLine(type, line.code(), line.units(), line.amount(), displayName, unitLabel);
    }

}
