package dev.tollgate.bench;

import dev.tollgate.model.topic.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The pricing-groups input: a plan whose one charge has {@code pricing_group_keys: [trunk]}, one subscription per
 * case, and that subscription's events spreading {@code trunk} over the case's number of distinct values. Each
 * value is a group with its own state and amount, so the cases differ only in how many groups one subscription
 * keeps.
 */
final class GroupedWorkload {

    static final String PLAN = "voice-by-trunk";

    private final String bootstrapServers;

    GroupedWorkload(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    static String customer(final int groups) {
        return String.format(Locale.ROOT, "grouped-%d", groups);
    }

    void writeCatalog(final List<Integer> groupCounts) throws InterruptedException, ExecutionException {
        try (CatalogWriter catalog = new CatalogWriter(bootstrapServers)) {
            catalog.put(Topics.PLANS, PLAN, Workload.plan(PLAN, List.of(CallEvents.GROUP_PROPERTY)));
            for (final int groups : groupCounts) {
                catalog.put(Topics.SUBSCRIPTIONS, customer(groups), Workload.subscription(customer(groups), PLAN));
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
