package dev.tollgate.rater.refund;

import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.rater.state.StateKeys;
import java.math.BigDecimal;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A final statement with the refunds granted on it so far, read from the {@code statements} store
 * where the adjustments sit beside their statement. A subscription has one statement per closed
 * period, so the scan of its entries stays short.
 *
 * @param key the statement's key in the store
 */
public record StatementLedger(String key, PeriodStatement statement, BigDecimal refunded) {

    public static Optional<StatementLedger> read(final ReadOnlyKeyValueStore<String, PeriodStatement> statements,
                                                 final String subscriptionId, final String statementId) {
        String key = null;
        PeriodStatement statement = null;
        BigDecimal refunded = BigDecimal.ZERO;
        try (KeyValueIterator<String, PeriodStatement> entries = statements.prefixScan(
            StateKeys.statementPrefix(subscriptionId), new StringSerializer())) {
            while (entries.hasNext()) {
                final KeyValue<String, PeriodStatement> entry = entries.next();
                if (entry.value.isRefund()) {
                    if (statementId.equals(entry.value.adjusts())) {
                        refunded = refunded.add(entry.value.refunded());
                    }
                } else if (!entry.value.isAdjustment() && entry.value.id().equals(statementId)) {
                    key = entry.key;
                    statement = entry.value;
                }
            }
        }
        return statement == null ? Optional.empty() : Optional.of(new StatementLedger(key, statement, refunded));
    }
}
