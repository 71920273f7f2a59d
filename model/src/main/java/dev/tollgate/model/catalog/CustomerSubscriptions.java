package dev.tollgate.model.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every subscription of one customer: the value of {@code tollgate.subscriptions}, keyed by
 * {@code customer_id} so that it is co-partitioned with that customer's usage events.
 */
public record CustomerSubscriptions(String customerId, List<Subscription> subscriptions) {

    public CustomerSubscriptions {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    /** The subscription in force at {@code at}; with overlaps, the one started last wins. */
    public Optional<Subscription> activeAt(final Instant at) {
        Subscription found = null;
        for (final Subscription candidate : subscriptions) {
            if (candidate.activeAt(at) && (found == null || candidate.startedAt().isAfter(found.startedAt()))) {
                found = candidate;
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<Subscription> byId(final String id) {
        return subscriptions.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** A copy with {@code subscription} added, or replacing the one with its id. */
    public CustomerSubscriptions with(final Subscription subscription) {
        final List<Subscription> next = new ArrayList<>(subscriptions.size() + 1);
        subscriptions.stream().filter(s -> !s.id().equals(subscription.id())).forEach(next::add);
        next.add(subscription);
        return new CustomerSubscriptions(customerId, next);
    }
}
