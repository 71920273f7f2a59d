package dev.tollgate.rater.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code GET /v1/customers/{id}/entitlements/{name}} for a meter. Nulls are written out: a
 * missing {@code limit} would otherwise read the same as an older server that never sent one.
 *
 * @param usage units of all the meter's charges in the current period
 * @param limit the limit of the most constraining limited charge (least remaining); null when none has one
 * @param remaining that charge's units left, never negative; null when no charge has a limit
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EntitlementView(String customerId, String meter, boolean allowed, BigDecimal usage, BigDecimal limit,
                              BigDecimal remaining, List<ChargeEntitlement> charges, Credits credits)
    implements Entitlement {

    /** At most this many groups of a grouped charge are listed: a subscription may hold thousands. */
    public static final int LISTED_GROUPS = 100;

    public EntitlementView {
        charges = List.copyOf(charges);
    }

    /**
     * Sums the charges and picks the binding limit. Only an enforced limit refuses use: an
     * unenforced one past its units still counts the event and raises an alert.
     */
    public static EntitlementView of(final String customerId, final String meter,
                                     final List<ChargeEntitlement> charges) {
        final BigDecimal usage = charges.stream().map(ChargeEntitlement::usage).reduce(BigDecimal.ZERO,
            BigDecimal::add);
        final boolean allowed = charges.stream()
            .noneMatch(charge -> charge.enforce() && charge.remaining().signum() <= 0);
        final Optional<ChargeEntitlement> binding = charges.stream().filter(charge -> charge.limit() != null)
            .min(Comparator.comparing(ChargeEntitlement::remaining));
        return new EntitlementView(customerId, meter, allowed, usage,
            binding.map(ChargeEntitlement::limit).orElse(null), binding.map(ChargeEntitlement::remaining).orElse(null),
            charges, null);
    }

    /**
     * This answer with the customer's credit: a subscription that blocks usage its credit grants cannot
     * pay for is not allowed once they hold nothing.
     */
    public EntitlementView withCredits(final Credits standing) {
        return new EntitlementView(customerId, meter, allowed && !(standing.blocks() && standing.balance().signum() <= 0),
            usage, limit, remaining, charges, standing);
    }

    /**
     * The customer's credit in the plan's currency.
     *
     * @param balance what its grants that have not expired hold
     * @param blocks whether an event they cannot pay for is refused ({@code block_when_credits_exhausted})
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Credits(String currency, BigDecimal balance, boolean blocks) {
    }

    /**
     * One charge of the meter. For a charge with pricing_group_keys the limit applies to each group, so
     * {@code limit} and {@code remaining} are those of its binding group: the one asked for, else the
     * most constrained (listed first), else, before any group has usage, a fresh group's.
     *
     * @param usage the charge's units, over all its groups for a grouped charge
     * @param limit null when the charge has no limit
     * @param remaining units left under the limit, never negative; null without a limit
     * @param enforce whether reaching the limit rejects further events; false without a limit
     * @param groupKeys the charge's pricing_group_keys; left out for a charge that is not grouped
     * @param groupCount how many groups have usage in the period; left out for a charge that is not grouped
     * @param groups the group asked for, or at most {@link #LISTED_GROUPS} groups, the most used first;
     *               left out for a charge that is not grouped
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChargeEntitlement(String code, BigDecimal usage, BigDecimal limit, BigDecimal remaining,
                                    boolean enforce,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> groupKeys,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) Integer groupCount,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) List<GroupEntitlement> groups) {

        public static ChargeEntitlement of(final String code, final BigDecimal usage, final BigDecimal limit,
                                           final boolean enforce) {
            return new ChargeEntitlement(code, usage, limit, remaining(limit, usage), limit != null && enforce,
                null, null, null);
        }

        /** @param groups the groups to list, the binding one first */
        public static ChargeEntitlement grouped(final String code, final List<String> groupKeys,
                                                final BigDecimal usage, final BigDecimal limit, final boolean enforce,
                                                final int groupCount, final List<GroupEntitlement> groups) {
            final BigDecimal remaining = groups.isEmpty() ? remaining(limit, BigDecimal.ZERO)
                : groups.get(0).remaining();
            return new ChargeEntitlement(code, usage, limit, remaining, limit != null && enforce,
                List.copyOf(groupKeys), groupCount, List.copyOf(groups));
        }

        private static BigDecimal remaining(final BigDecimal limit, final BigDecimal usage) {
            return limit == null ? null : limit.subtract(usage).max(BigDecimal.ZERO);
        }
    }

    /**
     * One group of a grouped charge.
     *
     * @param group its values of the charge's pricing_group_keys, in key order; null for an event without
     *              the property
     * @param limit the charge's limit, which applies to each group; null without one
     * @param remaining the group's units left under it, never negative; null without a limit
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GroupEntitlement(List<String> group, BigDecimal usage, BigDecimal limit, BigDecimal remaining) {

        public GroupEntitlement {
            // List.copyOf refuses nulls, and a missing property is a null value.
            group = Collections.unmodifiableList(new ArrayList<>(group));
        }

        public static GroupEntitlement of(final List<String> group, final BigDecimal usage, final BigDecimal limit) {
            return new GroupEntitlement(group, usage, limit, ChargeEntitlement.remaining(limit, usage));
        }
    }
}
