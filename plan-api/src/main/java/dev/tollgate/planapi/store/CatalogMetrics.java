package dev.tollgate.planapi.store;

import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.Topic;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * On {@code GET /prometheus}: {@code tollgate_records_skipped_total{topic,component="plan-api",reason}},
 * catalog records the plan API's reader could not read or apply, and
 * {@code tollgate_catalog_writes_total{outcome}}, how the writer's transactions ended: committed,
 * fenced (another instance wrote first; decided again) or failed (answered 503).
 */
@Singleton
@Requires(property = "tollgate.components.plan-api", value = "true")
public class CatalogMetrics implements MeterBinder {

    private final SkippedRecords skipped;
    private final CatalogWriteCounts writes;

    public CatalogMetrics(final CatalogStore store) {
        this.skipped = store.skipped();
        this.writes = store.writes();
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        for (final CatalogWriteCounts.Outcome outcome : CatalogWriteCounts.Outcome.values()) {
            FunctionCounter.builder("tollgate.catalog.writes", writes, w -> w.total(outcome))
                .tag("outcome", outcome.tag()).description("catalog write transactions, by how they ended")
                .register(registry);
        }
        for (final Topic<String, ?> topic : CatalogView.TOPICS) {
            for (final SkippedRecords.Reason reason : SkippedRecords.Reason.values()) {
                FunctionCounter.builder("tollgate.records.skipped", skipped, s -> s.count(topic.name(), reason))
                    .tag("topic", topic.name()).tag("component", skipped.component()).tag("reason", reason.tag())
                    .description("catalog and request records skipped: unreadable, invalid, or failed to apply")
                    .register(registry);
            }
        }
    }
}
