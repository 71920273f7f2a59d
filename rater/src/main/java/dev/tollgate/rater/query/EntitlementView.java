package dev.tollgate.rater.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
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
                              BigDecimal remaining, List<ChargeEntitlement> charges) implements Entitlement {

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
            charges);
    }

    /**
     * One charge of the meter.
     *
     * @param limit null when the charge has no limit
     * @param remaining units left under the limit, never negative; null without a limit
     * @param enforce whether reaching the limit rejects further events; false without a limit
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChargeEntitlement(String code, BigDecimal usage, BigDecimal limit, BigDecimal remaining,
                                    boolean enforce) {

        public static ChargeEntitlement of(final String code, final BigDecimal usage, final BigDecimal limit,
                                           final boolean enforce) {
            final BigDecimal remaining = limit == null ? null : limit.subtract(usage).max(BigDecimal.ZERO);
            return new ChargeEntitlement(code, usage, limit, remaining, limit != null && enforce);
        }
    }
}
