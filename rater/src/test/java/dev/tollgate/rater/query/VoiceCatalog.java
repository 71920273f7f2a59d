package dev.tollgate.rater.query;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.topic.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A voice meter (sum of {@code seconds}) with unique codes, a monthly USD plan whose charges price
 * it at 0.002 per second, and subscriptions to it, written to the catalog topics.
 */
final class VoiceCatalog {

    static final BigDecimal PER_SECOND = new BigDecimal("0.002");
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    final String meter;
    final String eventType;
    final String plan;
    private final TopicWriter writer;

    /** @param charges the plan's charges, given the meter's code */
    VoiceCatalog(final TopicWriter writer, final Function<String, List<Charge>> charges) {
        final String unique = UUID.randomUUID().toString().substring(0, 8);
        this.writer = writer;
        this.meter = "voice-" + unique;
        this.eventType = "call_ended_" + unique;
        this.plan = "voice-plan-" + unique;
        writer.send(Topics.METERS, meter, new Meter(meter, "Voice seconds", eventType, "sum", "seconds", Map.of()));
        writer.send(Topics.PLANS, plan, new Plan(plan, Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, charges.apply(meter)))));
    }

    /** A charge on this catalog's meter; {@code direction} null for every call, else one direction only. */
    static Charge charge(final String code, final String meter, final String direction, final ChargeLimit limit) {
        return new Charge(code, meter, "standard", Map.of("amount", PER_SECOND.toPlainString()),
            direction == null ? Map.of() : Map.of("direction", List.of(direction)), limit, List.of());
    }

    static String subscriptionOf(final String customerId) {
        return "sub-" + customerId;
    }

    void subscribe(final String customerId) {
        subscribe(customerId, STARTED);
    }

    void subscribe(final String customerId, final Instant startedAt) {
        writer.send(Topics.SUBSCRIPTIONS, customerId, new CustomerSubscriptions(customerId, List.of(
            new Subscription(subscriptionOf(customerId), customerId, plan, null, startedAt, null, "calendar"))));
    }

    void call(final String customerId, final String eventId, final String direction, final int seconds) {
        writer.usage(customerId, eventId, eventType, Instant.now(),
            Map.of("seconds", seconds, "direction", direction));
    }

    /** An event of a type no meter counts: the rater rejects it as not billable. */
    void unpriced(final String customerId, final String eventId) {
        writer.usage(customerId, eventId, "unpriced_" + eventType, Instant.now(), Map.of());
    }
}
