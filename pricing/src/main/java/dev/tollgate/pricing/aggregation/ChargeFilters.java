package dev.tollgate.pricing.aggregation;

import java.util.List;
import java.util.Map;

/**
 * Which one charge of a meter prices an event, as Lago does with charge filters: a charge with filters prices the
 * events its filters match, and a charge without filters beside it is the meter's default price, taking only the
 * events that no filter matched. An event is priced by at most one charge per meter.
 */
public final class ChargeFilters {

    /** No charge of the meter prices the event. */
    public static final int NONE = -1;

    private ChargeFilters() {
    }

    /**
     * Whether one event could match both filter sets. Keys only one of them names do not constrain the other, so two
     * sets overlap unless some key they share has no value in common. Two charges without filters overlap: both take
     * every event.
     */
    public static boolean overlap(Map<String, List<String>> a, Map<String, List<String>> b) {
        final Map<String, List<String>> left = a == null ? Map.of() : a;
        final Map<String, List<String>> right = b == null ? Map.of() : b;
        for (Map.Entry<String, List<String>> filter : left.entrySet()) {
            final List<String> other = right.get(filter.getKey());
            if (other != null && (filter.getValue() == null
                    || filter.getValue().stream().noneMatch(other::contains))) {
                return false;
            }
        }
        return true;
    }

    /** Whether two charges of one meter could both claim an event: both without filters, or overlapping filters. */
    public static boolean conflict(Map<String, List<String>> a, Map<String, List<String>> b) {
        final boolean aFiltered = a != null && !a.isEmpty();
        final boolean bFiltered = b != null && !b.isEmpty();
        return aFiltered == bFiltered && overlap(a, b);
    }

    /**
     * The index of the charge that prices the event among one meter's charges, given in plan order by their filters:
     * the filtered charge whose filters match; failing that, the first charge without filters (the default price);
     * failing that, {@link #NONE}. The plan API refuses conflicting charges, so at most one filtered charge matches;
     * should a plan written around it hold several, the one with the most filter keys wins, then the first.
     */
    public static int pick(List<Map<String, List<String>>> chargeFilters, Map<String, Object> properties) {
        int filtered = NONE;
        int unfiltered = NONE;
        for (int i = 0; i < chargeFilters.size(); i++) {
            final Map<String, List<String>> filters = chargeFilters.get(i);
            if (filters == null || filters.isEmpty()) {
                if (unfiltered == NONE) {
                    unfiltered = i;
                }
            } else if (PropertyFilters.matches(filters, properties)
                    && (filtered == NONE || filters.size() > chargeFilters.get(filtered).size())) {
                filtered = i;
            }
        }
        return filtered != NONE ? filtered : unfiltered;
    }
}
