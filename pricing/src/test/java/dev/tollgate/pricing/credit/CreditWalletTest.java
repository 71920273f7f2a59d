package dev.tollgate.pricing.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CreditWalletTest {

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");

    private static CreditWallet.Grant grant(final String id, final String left, final int priority,
                                            final Instant expiresAt) {
        return new CreditWallet.Grant(id, new BigDecimal(left), priority, expiresAt, JAN);
    }

    @Test
    void shouldDrawTheLowestPriorityThenTheSoonestExpiryFirst() {
        final List<CreditWallet.Grant> wallet = List.of(
            grant("never", "100", 0, null),
            grant("later", "5", 0, JAN.plusSeconds(7200)),
            grant("sooner", "2.5", 0, JAN.plusSeconds(3600)),
            grant("last", "100", 1, JAN.plusSeconds(60)));
        final CreditWallet.Payment payment = CreditWallet.pay(wallet, new BigDecimal("8.125"));
        assertEquals(List.of(new CreditWallet.Draw("sooner", new BigDecimal("2.5")),
            new CreditWallet.Draw("later", new BigDecimal("5")),
            new CreditWallet.Draw("never", new BigDecimal("0.625"))), payment.draws());
        assertTrue(payment.covered());
    }

    @Test
    void shouldLeaveWhatTheGrantsCannotPayUnpaid() {
        final CreditWallet.Payment payment = CreditWallet.pay(List.of(grant("a", "1.20", 0, null)),
            new BigDecimal("3"));
        assertEquals(new BigDecimal("1.80"), payment.unpaid());
        assertEquals(new BigDecimal("1.20"), payment.paid());
    }

    @Test
    void shouldPayNothingForANegativeOrZeroAmount() {
        assertEquals(List.of(), CreditWallet.pay(List.of(grant("a", "1", 0, null)), new BigDecimal("-2")).draws());
        assertTrue(CreditWallet.pay(List.of(), BigDecimal.ZERO).covered());
    }

    @Provide
    Arbitrary<List<CreditWallet.Grant>> wallets() {
        final Arbitrary<CreditWallet.Grant> grant = Combinators.combine(
            Arbitraries.strings().alpha().ofLength(6),
            Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000")).ofScale(4),
            Arbitraries.integers().between(0, 3),
            Arbitraries.longs().between(0, 1000).injectNull(0.3))
            .as((id, left, priority, expiry) -> new CreditWallet.Grant(id, left, priority,
                expiry == null ? null : JAN.plusSeconds(expiry), JAN));
        return grant.list().ofMaxSize(8).uniqueElements(CreditWallet.Grant::id);
    }

    /**
     * Paid and unpaid make up the amount; no grant pays more than it has; and a grant pays only once
     * every grant drawn before it is spent.
     */
    @Property(tries = 2000)
    void paysInDrawOrderNeverMoreThanAGrantHolds(@ForAll("wallets") final List<CreditWallet.Grant> wallet,
                                                  @ForAll("amounts") final BigDecimal amount) {
        final CreditWallet.Payment payment = CreditWallet.pay(wallet, amount);
        assertEquals(0, payment.paid().add(payment.unpaid()).compareTo(amount));
        final Map<String, BigDecimal> left = new HashMap<>();
        wallet.forEach(grant -> left.put(grant.id(), grant.left()));
        for (final CreditWallet.Draw draw : payment.draws()) {
            assertTrue(draw.amount().signum() > 0);
            assertTrue(draw.amount().compareTo(left.get(draw.grantId())) <= 0);
        }
        final List<CreditWallet.Grant> ordered = new ArrayList<>(wallet);
        ordered.sort(CreditWallet.DRAW_ORDER);
        final List<String> drawn = payment.draws().stream().map(CreditWallet.Draw::grantId).toList();
        for (int i = 0; i + 1 < drawn.size(); i++) {
            final CreditWallet.Draw earlier = payment.draws().get(i);
            assertEquals(0, earlier.amount().compareTo(left.get(earlier.grantId())),
                "a grant drawn before another is spent first");
        }
        assertEquals(ordered.stream().map(CreditWallet.Grant::id).filter(drawn::contains).toList(), drawn);
        final BigDecimal held = wallet.stream().map(CreditWallet.Grant::left).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, payment.paid().compareTo(amount.min(held)));
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000")).ofScale(6);
    }
}
