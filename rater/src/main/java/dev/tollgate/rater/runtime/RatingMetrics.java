package dev.tollgate.rater.runtime;

import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.rater.errors.RaterErrorHandlers;
import dev.tollgate.rater.rating.RatingCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The rater's counts as metrics ({@code GET /prometheus}): {@code tollgate_events_read_total} equals
 * {@code tollgate_events_rated_total} plus {@code tollgate_events_rejected_total} over every
 * {@code reason} plus {@code tollgate_events_pending}. {@code tollgate_records_skipped_total} counts the
 * catalog and request records the rater skipped ({@link RaterErrorHandlers}).
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class RatingMetrics implements MeterBinder {

    private final RatingCounts counts;
    private final SkippedRecords skipped;

    public RatingMetrics(final RaterStreams rater) {
        this.counts = rater.counts();
        this.skipped = rater.skipped();
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        FunctionCounter.builder("tollgate.events.read", counts, RatingCounts::eventsRead)
            .description("usage records read from tollgate.usage-events").register(registry);
        FunctionCounter.builder("tollgate.events.rated", counts, RatingCounts::eventsRated)
            .description("events rated (each may price several charges)").register(registry);
        FunctionCounter.builder("tollgate.charges.rated", counts, RatingCounts::chargesRated)
            .description("records written to tollgate.rated-usage").register(registry);
        for (final RejectionReason reason : RejectionReason.values()) {
            FunctionCounter.builder("tollgate.events.rejected", counts, c -> c.eventsRejected(reason))
                .tag("reason", reason.name()).description("events rejected, by reason").register(registry);
        }
        Gauge.builder("tollgate.events.pending", counts, RatingCounts::eventsPending)
            .description("events held waiting for a catalog entry").register(registry);
        FunctionCounter.builder("tollgate.statements.closed", counts, RatingCounts::statementsClosed)
            .description("final period statements published").register(registry);
        FunctionCounter.builder("tollgate.alerts.sent", counts, RatingCounts::alertsSent)
            .description("usage alerts published").register(registry);
        FunctionCounter.builder("tollgate.refunds", counts, RatingCounts::refundsGranted).tag("status", "refunded")
            .description("refund requests decided, by outcome").register(registry);
        FunctionCounter.builder("tollgate.refunds", counts, RatingCounts::refundsRejected).tag("status", "rejected")
            .description("refund requests decided, by outcome").register(registry);
        FunctionCounter.builder("tollgate.rerates", counts, RatingCounts::reratesDone).tag("status", "rerated")
            .description("re-rate requests done, by outcome").register(registry);
        FunctionCounter.builder("tollgate.rerates", counts, RatingCounts::reratesRejected).tag("status", "rejected")
            .description("re-rate requests done, by outcome").register(registry);
        for (final String topic : RaterErrorHandlers.SKIPPABLE) {
            for (final SkippedRecords.Reason reason : SkippedRecords.Reason.values()) {
                FunctionCounter.builder("tollgate.records.skipped", skipped, s -> s.count(topic, reason))
                    .tag("topic", topic).tag("component", skipped.component()).tag("reason", reason.tag())
                    .description("catalog and request records skipped: unreadable, invalid, or failed to apply")
                    .register(registry);
            }
        }
    }
}
