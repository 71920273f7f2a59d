package dev.tollgate.rater.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.model.catalog.CreditGrant;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.pricing.credit.CreditWallet;
import dev.tollgate.rater.credit.CreditPayments;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * {@code GET /v1/customers/{id}/credits}: each credit grant of the customer with what it paid and
 * what is left, and the balance per currency, as the rating task holds them.
 *
 * <p>Stores: {@code credit-grants} (customer_id → CustomerCredits) and {@code credit-use} (what each
 * grant paid), both in the customer's partition.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class CreditQueries {

    private final RaterStores stores;
    private final Clock clock;

    public CreditQueries(final RaterStores stores, final Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    public Credits credits(final String customerId, final int partition) {
        final CustomerCredits credits = ValueAndTimestamp.getValueOrNull(stores.store(
            StateStores.CREDIT_GRANTS.name(), StateStores.CREDIT_GRANTS.queryType(), partition).get(customerId));
        final ReadOnlyKeyValueStore<String, BigDecimal> use = stores.store(StateStores.CREDIT_USE.name(),
            StateStores.CREDIT_USE.queryType(), partition);
        final Instant now = clock.instant();
        final List<CreditGrant> grants = new ArrayList<>(credits == null ? List.of() : credits.grants());
        grants.sort((a, b) -> CreditWallet.DRAW_ORDER.compare(wallet(a), wallet(b)));
        final List<Grant> shown = new ArrayList<>();
        final Map<String, BigDecimal> balance = new TreeMap<>();
        for (final CreditGrant grant : grants) {
            final BigDecimal used = CreditPayments.usedOf(use, customerId, grant.id());
            final BigDecimal left = grant.amount().subtract(used).max(BigDecimal.ZERO);
            final boolean expired = !grant.paysAt(now);
            shown.add(new Grant(grant.id(), grant.amount(), grant.currency(), grant.priority(), grant.expiresAt(),
                grant.reference(), grant.grantedAt(), used, expired ? BigDecimal.ZERO : left, expired,
                expired ? left : BigDecimal.ZERO));
            if (!expired) {
                balance.merge(grant.currency(), left, BigDecimal::add);
            }
        }
        return new Credits(customerId, balance, shown);
    }

    private static CreditWallet.Grant wallet(final CreditGrant grant) {
        return new CreditWallet.Grant(grant.id(), BigDecimal.ZERO, grant.priority(), grant.expiresAt(),
            grant.grantedAt());
    }

    /**
     * @param balance what the grants that have not expired hold, per currency
     * @param grants in the order they are drawn
     */
    public record Credits(String customerId, Map<String, BigDecimal> balance, List<Grant> grants) {
    }

    /**
     * @param used what the grant has paid
     * @param left what it can still pay; zero once expired
     * @param expiredUnused what was left of it when it expired, never paid out: zero while it runs
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grant(String id, BigDecimal amount, String currency, int priority, Instant expiresAt,
                        String reference, Instant grantedAt, BigDecimal used, BigDecimal left, boolean expired,
                        BigDecimal expiredUnused) {
    }
}
