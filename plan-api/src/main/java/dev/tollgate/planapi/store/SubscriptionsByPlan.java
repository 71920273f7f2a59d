package dev.tollgate.planapi.store;

import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of the view by plan code, so that listing a plan's subscriptions or counting those
 * in force reads that plan's subscriptions only, not every customer. Subscription ids are unique across
 * customers, and one customer's records are applied one at a time, so replacing a customer's entries
 * never races with another write of the same ids.
 */
final class SubscriptionsByPlan {

    private final Map<String, Map<String, Subscription>> byPlan = new ConcurrentHashMap<>();

    /** Replaces the subscriptions {@code before} held (none when null) with those of {@code after}. */
    void replace(final CustomerSubscriptions before, final CustomerSubscriptions after) {
        if (before != null) {
            for (final Subscription subscription : before.subscriptions()) {
                final Map<String, Subscription> onPlan = byPlan.get(subscription.plan());
                if (onPlan != null) {
                    onPlan.remove(subscription.id());
                }
            }
        }
        if (after != null) {
            for (final Subscription subscription : after.subscriptions()) {
                byPlan.computeIfAbsent(subscription.plan(), plan -> new ConcurrentHashMap<>())
                    .put(subscription.id(), subscription);
            }
        }
    }

    List<Subscription> on(final String plan) {
        return List.copyOf(byPlan.getOrDefault(plan, Map.of()).values());
    }

    /** How many subscriptions on {@code plan} are in force at {@code at}: started, and not ended. */
    int inForce(final String plan, final Instant at) {
        return (int) byPlan.getOrDefault(plan, Map.of()).values().stream().filter(s -> s.activeAt(at)).count();
    }
}
