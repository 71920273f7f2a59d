package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.closing.PeriodStatements;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.state.TableStoreDef;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A subscription's upcoming statement as this instance can build it: the statement its next period
 * close would issue now, built by the close's own {@link PeriodStatements} from the same stores.
 *
 * <p>Stores: {@code subscription-customers} (is the subscription one of this instance's), {@code
 * subscriptions}, {@code closed-periods} (where its unclosed periods begin), {@code charge-aggregates},
 * {@code credit-use} (what credit grants paid of the period), {@code spend-totals} (what interim
 * statements billed of it), {@code statements} (what an earlier statement
 * billed in advance) and the global catalog stores.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class UpcomingStatements {

    private final RaterStores stores;
    private final Clock clock;

    public UpcomingStatements(final RaterStores stores, final Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /**
     * What one instance knows: the upcoming statement, null when the subscription has no period left
     * to bill; {@code known} false when the subscription is not one of this instance's.
     */
    public record LocalUpcoming(PeriodStatement statement, boolean known) {
    }

    public LocalUpcoming local(final String subscriptionId) {
        final String customerId = stores.store(StateStores.SUBSCRIPTION_CUSTOMERS.name(),
            StateStores.SUBSCRIPTION_CUSTOMERS.queryType()).get(subscriptionId);
        if (customerId == null) {
            return new LocalUpcoming(null, false);
        }
        final CatalogView catalog = CatalogView.of(new CatalogView.Tables() {
            @Override
            public <V> V get(final TableStoreDef<String, V> table, final String key) {
                return ValueAndTimestamp.getValueOrNull(stores.store(table.name(), table.queryType()).get(key));
            }
        });
        final CustomerSubscriptions customer = catalog.subscriptions(customerId);
        final Subscription subscription = customer == null ? null : customer.byId(subscriptionId).orElse(null);
        if (subscription == null) {
            return new LocalUpcoming(null, false);
        }
        if (catalog.plan(subscription.plan()) == null) {
            throw RaterStores.notReady("plan " + subscription.plan() + " is not known to the rater yet");
        }
        final Long closedThrough = stores.store(StateStores.CLOSED_PERIODS.name(),
            StateStores.CLOSED_PERIODS.queryType()).get(subscriptionId);
        final PeriodStatements statements = new PeriodStatements(catalog,
            stores.store(StateStores.CHARGE_AGGREGATES.name(), StateStores.CHARGE_AGGREGATES.queryType()),
            stores.store(StateStores.STATEMENTS.name(), StateStores.STATEMENTS.queryType()),
            stores.store(StateStores.CREDIT_USE.name(), StateStores.CREDIT_USE.queryType()),
            stores.store(StateStores.SPEND_TOTALS.name(), StateStores.SPEND_TOTALS.queryType()));
        try {
            return new LocalUpcoming(statements.upcoming(subscription,
                Optional.ofNullable(closedThrough).map(Instant::ofEpochMilli), clock.instant()).orElse(null), true);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // What holds a close back holds the preview back alike: a catalog entry this instance has not read yet.
            throw RaterStores.notReady("the statement of subscription " + subscriptionId + " cannot be built yet: "
                + e.getMessage());
        }
    }
}
