package dev.tollgate.rater.credit;

import dev.tollgate.model.catalog.CreditGrant;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.pricing.credit.CreditWallet;
import dev.tollgate.rater.state.StateKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Pays each rated event from the customer's credit grants, in the rating task's transaction: what a
 * grant paid in all and of each subscription's period is kept in {@code credit-use}, so no two events
 * can spend the same credit and a crash neither loses nor repeats a payment.
 *
 * <p>A payment is first worked out ({@link #quote}), so an event its grants cannot cover can be
 * refused before anything is written, then {@link #pay paid}.
 */
public final class CreditPayments {

    private static final Map<String, BigDecimal> NOTHING_USED = Map.of();

    private final Function<String, CustomerCredits> grants;
    private final KeyValueStore<String, BigDecimal> use;
    private final KeyValueStore<String, Long> alertsSent;

    /**
     * @param grants the customer's grants by customer_id, null for a customer without any
     */
    public CreditPayments(final Function<String, CustomerCredits> grants, final KeyValueStore<String, BigDecimal> use,
                          final KeyValueStore<String, Long> alertsSent) {
        this.grants = grants;
        this.use = use;
        this.alertsSent = alertsSent;
    }

    /**
     * How the customer's grants in {@code currency} that are valid at {@code at} would pay {@code amount}.
     */
    public Quote quote(final String customerId, final String currency, final Instant at, final BigDecimal amount) {
        // An event that costs nothing pays nothing: the customer's grants are not even read for it.
        final CustomerCredits credits = amount.signum() <= 0 ? null : grants.apply(customerId);
        if (credits == null || credits.grants().isEmpty()) {
            return new Quote(customerId, Map.of(), CreditWallet.pay(List.of(), amount), NOTHING_USED);
        }
        final Map<String, CreditGrant> usable = new LinkedHashMap<>();
        final Map<String, BigDecimal> used = new LinkedHashMap<>();
        final List<CreditWallet.Grant> wallet = new ArrayList<>();
        for (final CreditGrant grant : credits.grants()) {
            if (!grant.currency().equals(currency) || !grant.paysAt(at)) {
                continue;
            }
            final BigDecimal spent = usedOf(use, customerId, grant.id());
            usable.put(grant.id(), grant);
            used.put(grant.id(), spent);
            wallet.add(new CreditWallet.Grant(grant.id(), grant.amount().subtract(spent).max(BigDecimal.ZERO),
                grant.priority(), grant.expiresAt(), grant.grantedAt()));
        }
        return new Quote(customerId, usable, CreditWallet.pay(wallet, amount), used);
    }

    /**
     * Writes the quoted payment, for the subscription's period; returns the grants whose low-balance
     * level it crossed, each once in the grant's life.
     */
    public List<LowBalance> pay(final Quote quote, final String subscriptionId, final Instant periodStart,
                                final long nowMs) {
        final List<LowBalance> low = new ArrayList<>();
        for (final CreditWallet.Draw draw : quote.payment().draws()) {
            final CreditGrant grant = quote.grants().get(draw.grantId());
            final BigDecimal before = quote.used().get(draw.grantId());
            final BigDecimal after = before.add(draw.amount());
            use.put(StateKeys.creditUsed(quote.customerId(), grant.id()), after);
            final String periodKey = StateKeys.creditUsedInPeriod(subscriptionId, periodStart, grant.id());
            final BigDecimal ofPeriod = use.get(periodKey);
            use.put(periodKey, ofPeriod == null ? draw.amount() : ofPeriod.add(draw.amount()));
            final BigDecimal level = grant.lowBalanceLevel();
            final BigDecimal left = grant.amount().subtract(after);
            final String mark = StateKeys.creditLowAlert(quote.customerId(), grant.id());
            if (level != null && left.compareTo(level) <= 0 && alertsSent.get(mark) == null) {
                alertsSent.put(mark, nowMs);
                low.add(new LowBalance(grant, level, left.max(BigDecimal.ZERO)));
            }
        }
        return low;
    }

    /** What the grant has paid in all, zero before its first payment. */
    public static BigDecimal usedOf(final ReadOnlyKeyValueStore<String, BigDecimal> use, final String customerId,
                                    final String grantId) {
        final BigDecimal used = use.get(StateKeys.creditUsed(customerId, grantId));
        return used == null ? BigDecimal.ZERO : used;
    }

    /**
     * A payment worked out and not written yet.
     *
     * @param used what each usable grant had paid before this payment
     */
    public record Quote(String customerId, Map<String, CreditGrant> grants, CreditWallet.Payment payment,
                        Map<String, BigDecimal> used) {
    }

    /** A grant whose balance fell to its low-balance level. */
    public record LowBalance(CreditGrant grant, BigDecimal level, BigDecimal left) {
    }
}
