package dev.tollgate.pricing.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Pays an amount from a customer's credit grants, at full precision, in the order grants are drawn:
 * lowest priority number first, then the soonest expiry (a grant that never expires last), then the
 * oldest grant, then by id, so that the same wallet always pays the same way.
 */
public final class CreditWallet {

    /** Grants in the order they are drawn. */
    public static final Comparator<Grant> DRAW_ORDER = Comparator.comparingInt(Grant::priority)
        .thenComparing(Grant::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Grant::grantedAt, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Grant::id);

    private CreditWallet() {
    }

    /**
     * One grant as the wallet sees it at the moment of paying.
     *
     * @param left what is left of it, never negative
     * @param expiresAt null for a grant that never expires
     */
    public record Grant(String id, BigDecimal left, int priority, Instant expiresAt, Instant grantedAt) {

        public Grant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(left, "left");
            if (left.signum() < 0) {
                throw new IllegalArgumentException("what is left of grant " + id + " cannot be negative: " + left);
            }
        }
    }

    /** What one grant paid. */
    public record Draw(String grantId, BigDecimal amount) {
    }

    /**
     * How an amount was paid.
     *
     * @param draws what each grant paid, in draw order; grants that paid nothing are left out
     * @param unpaid what the grants could not pay: zero when they covered the amount
     */
    public record Payment(List<Draw> draws, BigDecimal unpaid) {

        public Payment {
            draws = List.copyOf(draws);
        }

        public boolean covered() {
            return unpaid.signum() == 0;
        }

        public BigDecimal paid() {
            return draws.stream().map(Draw::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /**
     * Pays {@code amount} from {@code grants}; an amount of zero or less pays nothing (a negative
     * delta is billed on the statement, not put back into a grant).
     */
    public static Payment pay(final List<Grant> grants, final BigDecimal amount) {
        if (amount.signum() <= 0) {
            return new Payment(List.of(), BigDecimal.ZERO);
        }
        final List<Grant> ordered = new ArrayList<>(grants);
        ordered.sort(DRAW_ORDER);
        final List<Draw> draws = new ArrayList<>();
        BigDecimal unpaid = amount;
        for (final Grant grant : ordered) {
            if (unpaid.signum() == 0) {
                break;
            }
            final BigDecimal drawn = unpaid.min(grant.left());
            if (drawn.signum() > 0) {
                draws.add(new Draw(grant.id(), drawn));
                unpaid = unpaid.subtract(drawn);
            }
        }
        return new Payment(draws, unpaid);
    }
}
