package dev.tollgate.model.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every credit grant of one customer: the value of {@code tollgate.credit-grants}, keyed by
 * {@code customer_id} so that the rater reads it in the task that rates the customer's events.
 */
public record CustomerCredits(String customerId, List<CreditGrant> grants) {

    public CustomerCredits {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    public Optional<CreditGrant> byId(final String id) {
        return grants.stream().filter(grant -> grant.id().equals(id)).findFirst();
    }

    public CustomerCredits with(final CreditGrant grant) {
        final List<CreditGrant> next = new ArrayList<>(grants.size() + 1);
        grants.stream().filter(g -> !g.id().equals(grant.id())).forEach(next::add);
        next.add(grant);
        return new CustomerCredits(customerId, next);
    }
}
