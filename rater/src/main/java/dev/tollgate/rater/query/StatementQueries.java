package dev.tollgate.rater.query;

import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A subscription's statements as this instance holds them. Statements live in the task of the
 * subscription's customer, and the route names only the subscription, so every instance answers for
 * its own tasks and the one that was asked merges the answers.
 *
 * <p>Stores: {@code statements} ((subscription, period start) → PeriodStatement) and, only when no
 * statement is found, {@code subscription-customers} (subscription → customer_id), to tell an
 * unknown subscription (404) from one with no closed period yet ([]).
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class StatementQueries {

    private final RaterStores stores;

    public StatementQueries(final RaterStores stores) {
        this.stores = stores;
    }

    /** What one instance knows of a subscription: its statements here, and whether it is one of ours. */
    public record LocalStatements(List<PeriodStatement> statements, boolean known) {
    }

    public LocalStatements local(final String subscriptionId) {
        final ReadOnlyKeyValueStore<String, PeriodStatement> statements =
            stores.store(StateStores.STATEMENTS.name(), StateStores.STATEMENTS.queryType());
        final List<PeriodStatement> found = new ArrayList<>();
        try (KeyValueIterator<String, PeriodStatement> entries = statements.prefixScan(
            StateKeys.statementPrefix(subscriptionId), new StringSerializer())) {
            entries.forEachRemaining(entry -> found.add(entry.value));
        }
        return new LocalStatements(found, !found.isEmpty() || subscribedHere(subscriptionId));
    }

    private boolean subscribedHere(final String subscriptionId) {
        final ReadOnlyKeyValueStore<String, String> customers =
            stores.store(StateStores.SUBSCRIPTION_CUSTOMERS.name(), StateStores.SUBSCRIPTION_CUSTOMERS.queryType());
        return customers.get(subscriptionId) != null;
    }
}
