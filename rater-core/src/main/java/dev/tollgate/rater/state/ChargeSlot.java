package dev.tollgate.rater.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which state of a charge: the charge code, and for a charge with pricing_group_keys the event's
 * values of those keys (a value may be null). An ungrouped charge has one slot, with no group.
 */
public record ChargeSlot(String code, List<String> group) {

    public ChargeSlot {
        // List.copyOf refuses nulls, and a missing group property is a null value.
        group = group == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(group));
    }

    public static ChargeSlot of(final String code) {
        return new ChargeSlot(code, List.of());
    }
}
