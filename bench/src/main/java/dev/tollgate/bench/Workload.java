package dev.tollgate.bench;

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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmark's input: one meter, one plan with a standard charge, one subscription per customer, and
 * {@link CallEvents} spread round-robin over the customers and written with the Java client's partitioner (so
 * none takes the repartition hop).
 */
final class Workload {

    static final String PLAN = "voice";
    /** Subscriptions start this long ago, so that the previous calendar month closes during the run. */
    static final Instant SUBSCRIBED_AT = Instant.now().minus(40, ChronoUnit.DAYS);

    private final int events;
    private final int customers;
    private final String bootstrapServers;
    private final AtomicLong written = new AtomicLong();

    Workload(final int events, final int customers, final String bootstrapServers) {
        this.events = events;
        this.customers = customers;
        this.bootstrapServers = bootstrapServers;
    }

    static String customer(final int i) {
        return String.format(Locale.ROOT, "cust-%06d", i);
    }

    /** A charge of 0.002 per second of {@link CallEvents#METER}, without a limit. */
    static Plan plan(final String code) {
        return plan(code, List.of(), null, List.of());
    }

    /**
     * A charge of 0.002 per second of {@link CallEvents#METER}, grouped by the given keys when there are any, with
     * this limit (per group for a grouped charge) and alert thresholds.
     */
    static Plan plan(final String code, final List<String> pricingGroupKeys, final ChargeLimit limit,
                     final List<BigDecimal> thresholds) {
        final Map<String, Object> properties = pricingGroupKeys.isEmpty() ? Map.of("amount", "0.002")
            : Map.of("amount", "0.002", "pricing_group_keys", pricingGroupKeys);
        return new Plan(code, Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH, code, null,
            "monthly", "USD", new BigDecimal("10"), 0,
            List.of(new Charge("seconds", CallEvents.METER, "standard", properties, Map.of(), limit, thresholds)))));
    }

    static CustomerSubscriptions subscription(final String customer, final String plan) {
        return new CustomerSubscriptions(customer, List.of(
            new Subscription("sub-" + customer, customer, plan, null, SUBSCRIBED_AT, null, "calendar")));
    }

    void writeCatalog() throws InterruptedException, ExecutionException {
        try (CatalogWriter catalog = new CatalogWriter(bootstrapServers)) {
            catalog.put(Topics.METERS, CallEvents.METER, new Meter(CallEvents.METER, "Voice seconds",
                CallEvents.EVENT_TYPE, "sum", "seconds", Map.of()));
            catalog.put(Topics.PLANS, PLAN, plan(PLAN));
            for (int i = 0; i < customers; i++) {
                catalog.put(Topics.SUBSCRIPTIONS, customer(i), subscription(customer(i), PLAN));
            }
        }
    }

    /** Events handed to the producer so far, for the progress line. */
    long written() {
        return written.get();
    }

    /** Writes every event and returns their total size in bytes. */
    long writeEvents() {
        final String timestamp = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = BenchProducers.bulk(bootstrapServers, 5)) {
            for (int i = 0; i < events; i++) {
                final String customer = customer(i % customers);
                final byte[] value = CallEvents.bytes(String.format(Locale.ROOT, "evt-%012d", i), customer,
                    timestamp, i, CallEvents.trunk(i % 64));
                bytes += value.length;
                producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), customer, value));
                written.incrementAndGet();
            }
            producer.flush();
        }
        return bytes;
    }
}
