package dev.tollgate.pricing.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The running state of one charge in one billing period, stored as JSON between events. Every component is a plain
 * JSON-friendly type so that the stored form is stable and readable.
 *
 * @param units          the aggregated units (count, sum, max, number of distinct values, or latest value)
 * @param events         how many events were rated into this state
 * @param amount         the amount so far: the sum of every delta emitted for this state, at full precision
 * @param distinctValues unique_count only: the distinct values seen, sorted, so a repeat adds nothing
 * @param latestAt       latest only: the event time of the value held in {@code units}, so a late-arriving older
 *                       event does not overwrite a newer value
 * @param freeUnits      percentage only: the units taken from the free allowance (free_units_per_total_aggregation,
 *                       free_units_per_events)
 * @param freeEvents     percentage only: how many events the free allowance covered entirely, fixed fee included
 * @param ownAmount      dynamic only: the sum of the events' own amounts
 */
public record ChargeState(
        BigDecimal units,
        long events,
        BigDecimal amount,
        List<String> distinctValues,
        Instant latestAt,
        BigDecimal freeUnits,
        long freeEvents,
        BigDecimal ownAmount) {

    private static final ChargeState EMPTY = new ChargeState(
            BigDecimal.ZERO, 0L, BigDecimal.ZERO, List.of(), null, BigDecimal.ZERO, 0L, BigDecimal.ZERO);

    public ChargeState {
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(amount, "amount");
        distinctValues = distinctValues == null ? List.of() : List.copyOf(distinctValues);
        freeUnits = freeUnits == null ? BigDecimal.ZERO : freeUnits;
        ownAmount = ownAmount == null ? BigDecimal.ZERO : ownAmount;
        if (events < 0 || freeEvents < 0) {
            throw new IllegalArgumentException("event counts cannot be negative");
        }
    }

    public static ChargeState empty() {
        return EMPTY;
    }
}
