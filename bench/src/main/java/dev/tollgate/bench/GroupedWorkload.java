package dev.tollgate.bench;

import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.topic.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The pricing-groups input: per case a plan whose one charge has {@code pricing_group_keys: [trunk]}, an enforced
 * limit and alert thresholds, one subscription, and that subscription's events spreading {@code trunk} over the
 * case's number of distinct values. Each value is a group with its own state, amount, limit and alerts, so the
 * cases differ only in how many groups one subscription keeps.
 *
 * <p>The limit is the most a group's events can add (every event at the longest call), so it is checked on every
 * event and refuses none: the drain counts rated records. Calls average half the longest, so with a few events
 * per group each group crosses both {@link #THRESHOLDS} on the way, and the alerts are part of the cost too.
 */
final class GroupedWorkload {

    static final List<BigDecimal> THRESHOLDS = List.of(new BigDecimal("10"), new BigDecimal("25"));

    private final String bootstrapServers;

    GroupedWorkload(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    static String customer(final int groups) {
        return String.format(Locale.ROOT, "grouped-%d", groups);
    }

    static String plan(final int groups) {
        return String.format(Locale.ROOT, "voice-by-trunk-%d", groups);
    }

    /** @param eventsPerCase the events {@link #writeEvents} writes per case, which the limits are sized for */
    void writeCatalog(final List<Integer> groupCounts, final int eventsPerCase)
        throws InterruptedException, ExecutionException {
        try (CatalogWriter catalog = new CatalogWriter(bootstrapServers)) {
            for (final int groups : groupCounts) {
                final long eventsPerGroup = (eventsPerCase + groups - 1) / groups;
                final ChargeLimit limit = new ChargeLimit(BigDecimal.valueOf(CallEvents.MAX_SECONDS * eventsPerGroup),
                    true);
                catalog.put(Topics.PLANS, plan(groups), Workload.plan(plan(groups),
                    List.of(CallEvents.GROUP_PROPERTY), limit, THRESHOLDS));
                catalog.put(Topics.SUBSCRIPTIONS, customer(groups), Workload.subscription(customer(groups),
                    plan(groups)));
            }
        }
    }

    /** Writes {@code events} events of the case's customer, round-robin over {@code groups} trunks. */
    void writeEvents(final int groups, final int events) {
        final String customer = customer(groups);
        final String timestamp = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
        try (KafkaProducer<String, byte[]> producer = BenchProducers.bulk(bootstrapServers, 5)) {
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), customer, CallEvents.bytes(
                    customer + "-" + i, customer, timestamp, i, CallEvents.trunk(i % groups))));
            }
            producer.flush();
        }
    }
}
