package dev.tollgate.planapi.store;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.CatalogRecordRules;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The latest value of every key of the catalog topics, as read from them. Each entry remembers the
 * offset it came from, so that the echo of a write read back later never replaces a newer value that
 * the writer already put here.
 */
final class CatalogView {

    static final List<Topic<String, ?>> TOPICS =
        List.of(Topics.METERS, Topics.PLANS, Topics.SUBSCRIPTIONS, Topics.COUPONS, Topics.ADDONS, Topics.CREDIT_GRANTS);

    private record Versioned<V>(V value, long offset) {
    }

    private final Map<String, Versioned<Meter>> meters = new ConcurrentHashMap<>();
    private final Map<String, Versioned<Plan>> plans = new ConcurrentHashMap<>();
    private final Map<String, Versioned<CustomerSubscriptions>> customers = new ConcurrentHashMap<>();
    private final Map<String, Versioned<Coupon>> coupons = new ConcurrentHashMap<>();
    private final Map<String, Versioned<AddOn>> addOns = new ConcurrentHashMap<>();
    private final Map<String, Versioned<CustomerCredits>> credits = new ConcurrentHashMap<>();
    private final Map<String, String> customerOfSubscription = new ConcurrentHashMap<>();
    private final SubscriptionsByPlan subscriptionsByPlan = new SubscriptionsByPlan();

    /**
     * Applies one record read from a catalog topic.
     *
     * @throws org.apache.kafka.common.errors.SerializationException when it cannot be read, or breaks
     *     {@link CatalogRecordRules} ({@link SkippedRecords.InvalidRecordException}); nothing is applied
     */
    void apply(final ConsumerRecord<String, byte[]> record) {
        final String topic = record.topic();
        if (topic.equals(Topics.METERS.name())) {
            put(Topics.METERS, record.key(), decode(Topics.METERS, record), record.offset());
        } else if (topic.equals(Topics.PLANS.name())) {
            put(Topics.PLANS, record.key(), decode(Topics.PLANS, record), record.offset());
        } else if (topic.equals(Topics.SUBSCRIPTIONS.name())) {
            put(Topics.SUBSCRIPTIONS, record.key(), decode(Topics.SUBSCRIPTIONS, record), record.offset());
        } else if (topic.equals(Topics.COUPONS.name())) {
            put(Topics.COUPONS, record.key(), decode(Topics.COUPONS, record), record.offset());
        } else if (topic.equals(Topics.ADDONS.name())) {
            put(Topics.ADDONS, record.key(), decode(Topics.ADDONS, record), record.offset());
        } else if (topic.equals(Topics.CREDIT_GRANTS.name())) {
            put(Topics.CREDIT_GRANTS, record.key(), decode(Topics.CREDIT_GRANTS, record), record.offset());
        }
    }

    private static <V> V decode(final Topic<String, V> topic, final ConsumerRecord<String, byte[]> record) {
        final V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        final List<String> problems = CatalogRecordRules.problems(value);
        if (!problems.isEmpty()) {
            throw new SkippedRecords.InvalidRecordException(value.getClass().getSimpleName() + " on " + topic.name()
                + " cannot be applied: " + problems);
        }
        return value;
    }

    /** Puts a value written to (or read from) {@code topic} at {@code offset}. */
    @SuppressWarnings("unchecked")
    <V> void put(final Topic<String, V> topic, final String key, final V value, final long offset) {
        if (topic == Topics.METERS) {
            putNewer(meters, key, (Meter) value, offset);
        } else if (topic == Topics.PLANS) {
            putNewer(plans, key, (Plan) value, offset);
        } else if (topic == Topics.SUBSCRIPTIONS) {
            final CustomerSubscriptions customer = (CustomerSubscriptions) value;
            customers.compute(key, (k, current) -> {
                if (current != null && current.offset() >= offset) {
                    return current;
                }
                subscriptionsByPlan.replace(current == null ? null : current.value(), customer);
                return new Versioned<>(customer, offset);
            });
            if (customer != null) {
                customer.subscriptions().forEach(s -> customerOfSubscription.put(s.id(), key));
            }
        } else if (topic == Topics.COUPONS) {
            putNewer(coupons, key, (Coupon) value, offset);
        } else if (topic == Topics.ADDONS) {
            putNewer(addOns, key, (AddOn) value, offset);
        } else if (topic == Topics.CREDIT_GRANTS) {
            putNewer(credits, key, (CustomerCredits) value, offset);
        } else {
            throw new IllegalArgumentException("not a catalog topic: " + topic.name());
        }
    }

    private static <V> void putNewer(final Map<String, Versioned<V>> map, final String key, final V value,
                                     final long offset) {
        map.compute(key, (k, current) -> current != null && current.offset() >= offset ? current
            : new Versioned<>(value, offset));
    }

    Optional<Meter> meter(final String code) {
        return value(meters.get(code));
    }

    Collection<Meter> meters() {
        return values(meters);
    }

    Optional<Plan> plan(final String code) {
        return value(plans.get(code));
    }

    Collection<Plan> plans() {
        return values(plans);
    }

    Optional<CustomerSubscriptions> customer(final String customerId) {
        return value(customers.get(customerId));
    }

    Collection<CustomerSubscriptions> customers() {
        return values(customers);
    }

    Optional<Subscription> subscription(final String id) {
        final String customerId = customerOfSubscription.get(id);
        return customerId == null ? Optional.empty()
            : value(customers.get(customerId)).flatMap(customer -> customer.byId(id));
    }

    List<Subscription> subscriptionsOn(final String plan) {
        return subscriptionsByPlan.on(plan);
    }

    int subscriptionsInForce(final String plan, final Instant at) {
        return subscriptionsByPlan.inForce(plan, at);
    }

    Optional<Coupon> coupon(final String code) {
        return value(coupons.get(code));
    }

    Collection<Coupon> coupons() {
        return values(coupons);
    }

    Optional<AddOn> addOn(final String code) {
        return value(addOns.get(code));
    }

    Collection<AddOn> addOns() {
        return values(addOns);
    }

    Optional<CustomerCredits> credits(final String customerId) {
        return value(credits.get(customerId));
    }

    private static <V> Optional<V> value(final Versioned<V> versioned) {
        return versioned == null ? Optional.empty() : Optional.ofNullable(versioned.value());
    }

    private static <V> List<V> values(final Map<String, Versioned<V>> map) {
        return map.values().stream().map(Versioned::value).filter(Objects::nonNull).toList();
    }
}
