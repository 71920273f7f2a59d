package dev.tollgate.pricing.statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A charge's usage for the period as the rater left it: its units and its amount at full precision (the sum of the
 * period's deltas, or what the model owes for zero units). {@code group} holds the pricing_group_keys values when the
 * charge is priced per group (a value may be null), and is empty otherwise.
 */
public record UsageCharge(String code, List<String> group, BigDecimal units, BigDecimal amount) {

    public UsageCharge {
        Objects.requireNonNull(code, "code");
        group = group == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(group));
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(amount, "amount");
    }

    public static UsageCharge of(String code, BigDecimal units, BigDecimal amount) {
        return new UsageCharge(code, List.of(), units, amount);
    }

    /** The line code: the charge code, followed by its group values in brackets when grouped. */
    public String lineCode() {
        if (group.isEmpty()) {
            return code;
        }
        return code + group.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
