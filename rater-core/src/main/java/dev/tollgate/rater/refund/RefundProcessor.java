package dev.tollgate.rater.refund;

import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.pricing.refund.RefundDecision;
import dev.tollgate.pricing.refund.Refunds;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides refund requests in the task that holds the customer's statements, one at a time, so that
 * no two requests can both spend what is left of a statement. A granted refund is stored beside its
 * statement and emitted (keyed by subscription_id) for {@code tollgate.period-statements}; every
 * outcome, granted or rejected, is recorded under the refund's id, and a request repeating an id
 * changes nothing. A request that lacks a field or whose amount is past the decimal bound is
 * skipped and counted ({@link SkippedRecords}); one that cannot be read never reaches here.
 *
 * <p>Stores: {@code statements} ((subscription, period start) → statement and (subscription, period
 * start, refund id) → refund adjustment) and {@code refunds} ((subscription, refund id) → Refund).
 */
public final class RefundProcessor implements Processor<String, RefundRequest, String, PeriodStatement> {

    private final RatingCounts counts;
    private final SkippedRecords skipped;
    private ProcessorContext<String, PeriodStatement> context;
    private KeyValueStore<String, PeriodStatement> statements;
    private KeyValueStore<String, Refund> refunds;

    public RefundProcessor(final RatingCounts counts, final SkippedRecords skipped) {
        this.counts = counts;
        this.skipped = skipped;
    }

    @Override
    public void init(final ProcessorContext<String, PeriodStatement> context) {
        this.context = context;
        this.statements = StateStores.STATEMENTS.in(context);
        this.refunds = StateStores.REFUNDS.in(context);
    }

    @Override
    public void process(final Record<String, RefundRequest> record) {
        final RefundRequest request = record.value();
        if (request == null || request.id() == null || request.subscriptionId() == null
            || request.statementId() == null || request.requestedAt() == null
            || request.amount() != null && !Decimals.withinBounds(request.amount())) {
            // Only the rater's own API writes this topic, and it writes complete, bounded requests.
            final RecordMetadata from = context.recordMetadata().orElseThrow();
            skipped.skip(from.topic(), from.partition(), from.offset(), SkippedRecords.Reason.INVALID,
                new IllegalArgumentException("a refund request needs id, subscription_id, statement_id and"
                    + " requested_at, and an amount within the decimal bound"));
            return;
        }
        final String refundKey = StateKeys.refund(request.subscriptionId(), request.id());
        if (refunds.get(refundKey) != null) {
            return;
        }
        final Optional<StatementLedger> ledger = StatementLedger.read(statements, request.subscriptionId(),
            request.statementId());
        if (ledger.isEmpty()) {
            refunds.put(refundKey, Refund.rejected(request, null, "subscription " + request.subscriptionId()
                + " has no final statement " + request.statementId()));
            counts.refund(false);
            return;
        }
        final PeriodStatement statement = ledger.get().statement();
        final RefundDecision decision = Refunds.decide(statement.total(), ledger.get().refunded(),
            Optional.ofNullable(request.amount()), statement.currency());
        if (decision instanceof RefundDecision.Granted granted) {
            final PeriodStatement adjustment = statement.refund(request.id(), granted.amount(), request.reason(),
                request.requestedAt());
            statements.put(StateKeys.adjustment(ledger.get().key(), request.id()), adjustment);
            refunds.put(refundKey, new Refund(request.id(), request.subscriptionId(), request.statementId(),
                Refund.REFUNDED, request.amount(), granted.amount(), statement.currency(), request.reason(), null,
                granted.refundedTotal(), granted.remaining(), granted.full() ? "refunded" : "partially_refunded",
                adjustment.id(), request.requestedAt()));
            context.forward(record.withKey(request.subscriptionId()).withValue(adjustment));
            counts.refund(true);
        } else {
            refunds.put(refundKey, Refund.rejected(request, statement.currency(),
                ((RefundDecision.Refused) decision).detail()));
            counts.refund(false);
        }
    }
}
