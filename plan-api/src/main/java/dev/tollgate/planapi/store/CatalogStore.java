package dev.tollgate.planapi.store;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.http.config.KafkaConnectionProperties;
import dev.tollgate.http.kafka.KafkaTree;
import dev.tollgate.http.metrics.KafkaMeters;
import dev.tollgate.model.topic.SkippedRecords;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The plan API's catalog. The compacted topics {@code tollgate.meters}, {@code tollgate.plans},
 * {@code tollgate.subscriptions}, {@code tollgate.coupons} and {@code tollgate.addons} are the record:
 * a write returns only once Kafka committed it ({@link CatalogWriter}), and every read first waits
 * until this instance has read what the topics held when the request came ({@link CatalogTailer}), so
 * a client sees its own writes on any instance.
 *
 * <p>Reads inside {@link #write} see the view as of the write's decision; reads outside it each wait
 * for the topics' end.
 */
@Context
@Requires(property = "tollgate.components.plan-api", value = "true")
public class CatalogStore implements AutoCloseable {

    private final CatalogView view = new CatalogView();
    private final SkippedRecords skipped = new SkippedRecords("plan-api");
    private final CatalogWriteCounts writes = new CatalogWriteCounts();
    private final CatalogTailer tailer;
    private final CatalogWriter writer;
    private final ThreadLocal<Boolean> deciding = ThreadLocal.withInitial(() -> false);

    public CatalogStore(final KafkaConnectionProperties kafka, final KafkaTree kafkaTree, final KafkaMeters kafkaMeters,
                        final PlanApiProperties settings) {
        this.tailer = new CatalogTailer(kafkaTree.consumer(CatalogTailer.CLIENT_ID), kafka.bootstrapServers(), view,
            skipped, settings.writeTimeout(), kafkaMeters);
        this.writer = new CatalogWriter(kafkaTree.producer(CatalogWriter.CLIENT_ID), kafka.bootstrapServers(),
            settings.transactionalId(), settings.writeTimeout(), view, tailer, kafkaMeters, writes);
        tailer.start();
        final Thread warmUp = new Thread(writer::warmUp, "catalog-writer-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Decides on the view and commits what {@code decide} returns, all or none, then gives its answer.
     * {@code decide} reads this store and throws a problem to refuse; it may run again when another
     * instance wrote first, and the answer is that of the run that was committed.
     */
    public <T> T write(final Supplier<CatalogDecision<T>> decide) {
        return writer.write(() -> {
            deciding.set(true);
            try {
                return decide.get();
            } finally {
                deciding.set(false);
            }
        });
    }

    private CatalogView read() {
        if (!deciding.get()) {
            tailer.awaitLatest();
        }
        return view;
    }

    public Optional<Meter> meter(final String code) {
        return read().meter(code);
    }

    public Collection<Meter> meters() {
        return read().meters();
    }

    public Optional<Plan> plan(final String code) {
        return read().plan(code);
    }

    public Collection<Plan> plans() {
        return read().plans();
    }

    public Optional<CustomerSubscriptions> customer(final String customerId) {
        return read().customer(customerId);
    }

    public Optional<Subscription> subscription(final String id) {
        return read().subscription(id);
    }

    /** Every subscription on the plan, ended and future ones too. */
    public List<Subscription> subscriptionsOn(final String plan) {
        return read().subscriptionsOn(plan);
    }

    /** How many subscriptions on the plan are in force at {@code at}. */
    public int subscriptionsInForce(final String plan, final Instant at) {
        return read().subscriptionsInForce(plan, at);
    }

    /** The plan with how many of its subscriptions are in force at {@code at}. */
    public Optional<PlanSubscribers> planSubscribers(final String code, final Instant at) {
        final CatalogView current = read();
        return current.plan(code).map(plan -> new PlanSubscribers(plan, current.subscriptionsInForce(code, at)));
    }

    /** Every plan with how many of its subscriptions are in force at {@code at}. */
    public List<PlanSubscribers> plansSubscribers(final Instant at) {
        final CatalogView current = read();
        return current.plans().stream()
            .map(plan -> new PlanSubscribers(plan, current.subscriptionsInForce(plan.code(), at))).toList();
    }

    /**
     * How many times each coupon was redeemed: the subscriptions that carry it, where a subscription
     * that took over a plan change from one that carried it too is the same redemption. One pass over
     * every subscription of the catalog.
     */
    public Map<String, Integer> couponUses() {
        final Map<String, Integer> uses = new HashMap<>();
        for (final CustomerSubscriptions customer : read().customers()) {
            for (final Subscription subscription : customer.subscriptions()) {
                final List<String> before = subscription.previousId() == null ? List.of()
                    : customer.byId(subscription.previousId()).map(Subscription::coupons).orElse(List.of());
                subscription.coupons().stream().filter(code -> !before.contains(code))
                    .forEach(code -> uses.merge(code, 1, Integer::sum));
            }
        }
        return uses;
    }

    public Optional<Coupon> coupon(final String code) {
        return read().coupon(code);
    }

    public Collection<Coupon> coupons() {
        return read().coupons();
    }

    public Optional<AddOn> addOn(final String code) {
        return read().addOn(code);
    }

    public Collection<AddOn> addOns() {
        return read().addOns();
    }

    /** The customer's credit grants; empty before the first. */
    public Optional<CustomerCredits> credits(final String customerId) {
        return read().credits(customerId);
    }

    /** Catalog records this instance's reader skipped. */
    public SkippedRecords skipped() {
        return skipped;
    }

    CatalogWriteCounts writes() {
        return writes;
    }

    @PreDestroy
    @Override
    public void close() {
        writer.close();
        tailer.close();
    }
}
