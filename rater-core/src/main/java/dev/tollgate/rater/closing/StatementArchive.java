package dev.tollgate.rater.closing;

import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.rating.Rerate;
import dev.tollgate.rater.state.StateKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The final statements a task keeps for queries and refunds, for a retention measured from each
 * period's end (400 days by default, as long as {@code tollgate.period-statements} keeps every
 * record uncompacted). A statement past it is forgotten together with its refund and re-rate
 * adjustments and their outcomes, so the stores stay bounded by the retention instead of growing with history;
 * the records stay on the topic for invoicing.
 *
 * <p>Stores: {@code statements} ((subscription, period start) → statement; (subscription, period
 * start, refund id) → refund adjustment; (subscription, period start, "rerates", rerate id) → re-rate
 * adjustment), {@code refunds} ((subscription, refund id) → Refund) and {@code rerates} ((subscription,
 * rerate id) → Rerate).
 */
final class StatementArchive {

    private final Duration retention;
    private final KeyValueStore<String, PeriodStatement> statements;
    private final KeyValueStore<String, Refund> refunds;
    private final KeyValueStore<String, Rerate> rerates;

    StatementArchive(final Duration retention, final KeyValueStore<String, PeriodStatement> statements,
                     final KeyValueStore<String, Refund> refunds, final KeyValueStore<String, Rerate> rerates) {
        this.retention = retention;
        this.statements = statements;
        this.refunds = refunds;
        this.rerates = rerates;
    }

    /** @param gridStart the start of the statement's grid period, which keys it */
    void keep(final Instant gridStart, final PeriodStatement statement) {
        statements.put(StateKeys.statement(statement.subscriptionId(), gridStart), statement);
    }

    /** An opening statement, beside the closing statement of the same period. */
    void keepOpening(final Instant gridStart, final PeriodStatement statement) {
        statements.put(StateKeys.openingStatement(statement.subscriptionId(), gridStart), statement);
    }

    boolean hasOpening(final String subscriptionId, final Instant gridStart) {
        return statements.get(StateKeys.openingStatement(subscriptionId, gridStart)) != null;
    }

    /**
     * Forgets the subscription's statements whose period ended more than the retention before
     * {@code now}, their refunds with them. Runs when the subscription's periods close: a handful
     * of entries per subscription. Every period of a subscription ends after it started, so one
     * younger than the retention has nothing to forget, and its statements are not scanned.
     */
    void forgetExpired(final Subscription subscription, final Instant now) {
        final Instant horizon = now.minus(retention);
        if (!subscription.startedAt().isBefore(horizon)) {
            return;
        }
        final String subscriptionId = subscription.id();
        final Set<String> expired = new HashSet<>();
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, PeriodStatement> entries = statements.prefixScan(
            StateKeys.statementPrefix(subscriptionId), new StringSerializer())) {
            while (entries.hasNext()) {
                final KeyValue<String, PeriodStatement> entry = entries.next();
                // A statement's key sorts before its adjustments' keys, which extend it.
                if (entry.value.isAdjustment() ? expired.contains(entry.value.adjusts())
                    : entry.value.period().end().isBefore(horizon) && expired.add(entry.value.id())) {
                    keys.add(entry.key);
                }
            }
        }
        if (expired.isEmpty()) {
            return;
        }
        keys.forEach(statements::delete);
        final List<String> outcomes = new ArrayList<>();
        try (KeyValueIterator<String, Refund> entries = refunds.prefixScan(StateKeys.refund(subscriptionId, ""),
            new StringSerializer())) {
            entries.forEachRemaining(entry -> {
                if (expired.contains(entry.value.statementId())) {
                    outcomes.add(entry.key);
                }
            });
        }
        outcomes.forEach(refunds::delete);
        final List<String> rerateOutcomes = new ArrayList<>();
        try (KeyValueIterator<String, Rerate> entries = rerates.prefixScan(StateKeys.rerate(subscriptionId, ""),
            new StringSerializer())) {
            entries.forEachRemaining(entry -> {
                // One refused before a statement was found names none: its period tells its age.
                if (entry.value.statementId() == null ? entry.value.periodStart().isBefore(horizon)
                    : expired.contains(entry.value.statementId())) {
                    rerateOutcomes.add(entry.key);
                }
            });
        }
        rerateOutcomes.forEach(rerates::delete);
    }
}
