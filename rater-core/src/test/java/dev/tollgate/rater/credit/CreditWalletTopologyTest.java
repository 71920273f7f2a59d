package dev.tollgate.rater.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CreditGrant;
import dev.tollgate.model.catalog.CustomerCredits;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credit grants pay each event as it is rated, in the rating transaction, and statements show what they paid. */
class CreditWalletTopologyTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    /** 0.01 a second: a 100 s call costs 1.00. */
    private static final String PER_SECOND = "0.01";

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, MARCH.minusSeconds(60));
        rater.meters.pipeInput("seconds", new Meter("seconds", "Seconds", "call", "sum", "seconds", Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private void plan(final Boolean blocks) {
        rater.plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Voice", null, "monthly", "USD", new BigDecimal("5"), 0, List.of(new Charge("calls",
            "seconds", "standard", Map.of("amount", PER_SECOND), Map.of(), null, List.of())), null, null, null, null,
            null, null, 0, null, false, null, null, null, null, null, null, null, null, null, null, blocks))));
        rater.subscribe(new Subscription("sub_1", "acme", "voice", null, MARCH, null, "calendar"),
            MARCH.minusSeconds(60));
    }

    private void grants(final CreditGrant... grants) {
        rater.credits.pipeInput("acme", new CustomerCredits("acme", List.of(grants)), MARCH.minusSeconds(30));
    }

    private static CreditGrant grant(final String id, final String amount, final int priority,
                                     final Instant expiresAt) {
        return new CreditGrant(id, "acme", new BigDecimal(amount), "USD", expiresAt, priority, null, null,
            MARCH.minusSeconds(30));
    }

    private BigDecimal used(final String grantId) {
        final KeyValueStore<String, BigDecimal> use = rater.driver.getKeyValueStore(StateStores.CREDIT_USE.name());
        return CreditPayments.usedOf(use, "acme", grantId);
    }

    @Test
    void shouldPayEachEventFromTheGrantsInDrawOrderAndShowItOnTheStatement() {
        plan(null);
        grants(grant("promo", "1.50", 0, APRIL.plusSeconds(86_400)), grant("bought", "10", 1, null),
            grant("first", "0.40", 0, MARCH.plusSeconds(86_400 * 20)));
        rater.call("c1", "acme", "call", 100, MARCH.plusSeconds(3600));
        // 1.00: "first" (soonest expiry) pays 0.40, then "promo" 0.60
        assertEquals(0, new BigDecimal("0.40").compareTo(used("first")));
        assertEquals(0, new BigDecimal("0.60").compareTo(used("promo")));
        rater.call("c2", "acme", "call", 250, MARCH.plusSeconds(7200));
        // 2.50: "promo" pays what it has left, 0.90, then "bought" (priority 1) 1.60
        assertEquals(0, new BigDecimal("1.50").compareTo(used("promo")));
        assertEquals(0, new BigDecimal("1.60").compareTo(used("bought")));

        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement march = rater.statements.readValue();
        // base 5.00 + usage 3.50 = 8.50, less what the grants paid: 0.40 + 1.50 + 1.60 = 3.50
        assertEquals(List.of(
            new StatementLine("subscription", "voice", BigDecimal.ONE, new BigDecimal("5.00")),
            new StatementLine("usage", "calls", new BigDecimal("350"), new BigDecimal("3.50")),
            new StatementLine("credit_grant", "bought", BigDecimal.ONE, new BigDecimal("-1.60")),
            new StatementLine("credit_grant", "first", BigDecimal.ONE, new BigDecimal("-0.40")),
            new StatementLine("credit_grant", "promo", BigDecimal.ONE, new BigDecimal("-1.50"))), march.lines());
        assertEquals(new BigDecimal("5.00"), march.total());
        final KeyValueStore<String, BigDecimal> use = rater.driver.getKeyValueStore(StateStores.CREDIT_USE.name());
        assertNull(use.get(StateKeys.creditUsedInPeriod("sub_1", MARCH, "bought")),
            "the period's record of payments goes with its close");
        assertEquals(0, new BigDecimal("1.60").compareTo(used("bought")), "what a grant paid in all stays");
    }

    @Test
    void shouldRefuseWhatTheGrantsCannotPayWhenThePlanBlocksAndCountNothingOfIt() {
        plan(true);
        grants(grant("bought", "1.20", 0, null));
        rater.call("c1", "acme", "call", 100, MARCH.plusSeconds(3600));
        assertTrue(rater.rejected.isEmpty());
        assertEquals(new BigDecimal("100"), rater.rated.readValue().totalUnits());

        // 0.20 left: a 0.25 call is refused and nothing of it counted; a 0.20 call fits exactly
        rater.call("c2", "acme", "call", 25, MARCH.plusSeconds(3700));
        final UsageRejection refused = rater.rejected.readValue();
        assertEquals(RejectionReason.CREDITS_EXHAUSTED, refused.reason());
        assertEquals("c2", refused.eventId());
        assertTrue(rater.rated.isEmpty());
        rater.call("c3", "acme", "call", 20, MARCH.plusSeconds(3800));
        assertEquals(new BigDecimal("120"), rater.rated.readValue().totalUnits());
        assertEquals(0, new BigDecimal("1.20").compareTo(used("bought")));
        rater.call("c4", "acme", "call", 1, MARCH.plusSeconds(3900));
        assertEquals(RejectionReason.CREDITS_EXHAUSTED, rater.rejected.readValue().reason());
    }

    @Test
    void shouldBillWhatTheGrantsCannotPayWhenThePlanDoesNotBlock() {
        plan(null);
        grants(grant("bought", "0.50", 0, null));
        rater.call("c1", "acme", "call", 100, MARCH.plusSeconds(3600));
        assertTrue(rater.rejected.isEmpty());
        assertEquals(0, new BigDecimal("0.50").compareTo(used("bought")));
        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        // 5.00 + 1.00 - 0.50 paid by the grant
        assertEquals(new BigDecimal("5.50"), rater.statements.readValue().total());
    }

    @Test
    void shouldPayNothingFromAGrantThatHasExpiredByTheEventsTime() {
        plan(true);
        final Instant expiry = MARCH.plusSeconds(86_400);
        grants(grant("short", "100", 0, expiry));
        rater.call("c1", "acme", "call", 100, expiry.minusSeconds(1));
        rater.call("c2", "acme", "call", 100, expiry);
        assertEquals(0, new BigDecimal("1.00").compareTo(used("short")));
        assertEquals(RejectionReason.CREDITS_EXHAUSTED, rater.rejected.readValue().reason());
    }

    @Test
    void shouldAlertOnceWhenAGrantFallsToItsLowBalance() {
        plan(null);
        grants(new CreditGrant("bought", "acme", new BigDecimal("10"), "USD", null, 0, "order-7",
            new CreditGrant.LowBalanceAlert(new BigDecimal("2"), new BigDecimal("25")), MARCH.minusSeconds(30)));
        rater.call("c1", "acme", "call", 700, MARCH.plusSeconds(3600));
        assertTrue(rater.alerts.isEmpty(), "3.00 left, above 25% of 10");
        rater.call("c2", "acme", "call", 60, MARCH.plusSeconds(3700));
        final UsageAlert low = rater.alerts.readValue();
        assertEquals(UsageAlert.Kind.CREDITS_LOW, low.kind());
        assertEquals("bought", low.creditGrant());
        assertEquals(0, new BigDecimal("2.40").compareTo(low.units()));
        assertEquals(0, new BigDecimal("2.5").compareTo(low.threshold()));
        rater.call("c3", "acme", "call", 60, MARCH.plusSeconds(3800));
        assertTrue(rater.alerts.isEmpty(), "once per grant");
    }

    @Test
    void shouldUseNoGrantOfAnotherCurrency() {
        plan(true);
        rater.credits.pipeInput("acme", new CustomerCredits("acme", List.of(new CreditGrant("euros", "acme",
            new BigDecimal("100"), "EUR", null, 0, null, null, MARCH))), MARCH.minusSeconds(30));
        rater.call("c1", "acme", "call", 10, MARCH.plusSeconds(3600));
        assertEquals(RejectionReason.CREDITS_EXHAUSTED, rater.rejected.readValue().reason());
    }
}
