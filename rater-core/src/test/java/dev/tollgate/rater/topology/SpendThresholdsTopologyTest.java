package dev.tollgate.rater.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.Period;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spend thresholds: the event that takes the period's running usage amount to or past a threshold
 * publishes one interim statement of the usage so far, once per threshold and period; the period's
 * statement subtracts what the interim statements billed, so together they bill what the period bills
 * without thresholds.
 */
class SpendThresholdsTopologyTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant CALL = Instant.parse("2026-03-10T12:00:00Z");
    private static final Charge TALK = new Charge("talk", "seconds", "standard", Map.of("amount", "0.01"), Map.of(),
        null, List.of());

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, CALL);
        rater.meters.pipeInput("seconds", new Meter("seconds", "Seconds", "call_ended", "sum", "seconds", Map.of()));
        plan("plan", "1.00", "2.00");
        plan("unlimited");
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    /** 10.00 a month and 0.01 a second, with these spend thresholds. */
    private void plan(final String code, final String... thresholds) {
        rater.plans.pipeInput(code, new Plan(code, Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1, Instant.EPOCH,
            "Plan", null, "monthly", "USD", BigDecimal.TEN, 0, List.of(TALK), null, null, null, null, null, null, 0,
            null, false, null, null, null, null, null, null, List.of(), null, null, amounts(thresholds)))));
    }

    private static List<BigDecimal> amounts(final String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private void subscribe(final String customer, final String plan, final List<BigDecimal> own) {
        rater.subscribe(new Subscription("sub_" + customer, customer, plan, null, MARCH, null, "calendar", null,
            List.of(), List.of(), null, null, null, own), MARCH);
    }

    private void calls(final String customer, final int... seconds) {
        for (int i = 0; i < seconds.length; i++) {
            rater.call(customer + "-" + i, customer, "call_ended", seconds[i], CALL.plusSeconds(i));
        }
    }

    private static StatementLine interimLine(final String amount) {
        return new StatementLine("interim_usage", "plan", BigDecimal.ONE, new BigDecimal(amount));
    }

    private PeriodStatement closeMarch() {
        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        return rater.statements.readValue();
    }

    @Test
    void shouldBillTheUsageSoFarOnceEachThresholdIsReachedAndOnlyTheRestAtTheClose() {
        subscribe("acme", "plan", null);
        // 0.60; 1.10 reaches 1.00; 1.40; 2.10 reaches 2.00; 2.20
        calls("acme", 60, 50, 30, 70, 10);
        final List<PeriodStatement> interims = rater.statements.readValuesToList();
        assertEquals(List.of("sub_acme/2026-03-01T00:00:00Z/interim/1", "sub_acme/2026-03-01T00:00:00Z/interim/2"),
            interims.stream().map(PeriodStatement::id).toList());
        final PeriodStatement first = interims.get(0);
        assertEquals(PeriodStatement.INTERIM, first.kind());
        assertFalse(first.finalStatement());
        assertEquals(new Period(MARCH, APRIL), first.period());
        // the event that reached the threshold is in it, the ones after are not
        assertEquals(List.of(interimLine("1.10")), first.lines());
        assertEquals(new BigDecimal("1.10"), first.total());
        // 2.10 so far, less the 1.10 billed
        assertEquals(List.of(interimLine("1.00")), interims.get(1).lines());

        final PeriodStatement march = closeMarch();
        assertEquals(List.of(new StatementLine("subscription", "plan", BigDecimal.ONE, new BigDecimal("10.00")),
            new StatementLine("usage", "talk", new BigDecimal("220"), new BigDecimal("2.20")),
            new StatementLine("interim_billed", "plan", BigDecimal.ONE, new BigDecimal("-2.10"))), march.lines());
        assertEquals(new BigDecimal("12.20"), march.subtotal());
        assertEquals(new BigDecimal("10.10"), march.total());
        assertTrue(rater.statements.isEmpty());
    }

    @Test
    void shouldBillTogetherWhatAPeriodWithoutThresholdsBills() {
        subscribe("acme", "plan", null);
        subscribe("beta", "unlimited", null);
        final int[] seconds = {33, 41, 27, 99, 5, 61, 18};
        calls("acme", seconds);
        calls("beta", seconds);
        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        BigDecimal acme = BigDecimal.ZERO;
        BigDecimal beta = BigDecimal.ZERO;
        int interims = 0;
        for (final PeriodStatement statement : rater.statements.readValuesToList()) {
            if (statement.customerId().equals("acme")) {
                acme = acme.add(statement.total());
                interims += PeriodStatement.INTERIM.equals(statement.kind()) ? 1 : 0;
            } else {
                beta = beta.add(statement.total());
                assertEquals(PeriodStatement.STATEMENT, statement.kind());
            }
        }
        // 284 s: 10.00 + 2.84, reached 1.00 at 1.01 and 2.00 at 2.06
        assertEquals(2, interims);
        assertEquals(new BigDecimal("12.84"), beta);
        assertEquals(0, beta.compareTo(acme), acme + " against " + beta);
    }

    @Test
    void shouldPublishOneStatementForThresholdsReachedTogetherAndNoneOnAReplay() {
        subscribe("acme", "plan", null);
        calls("acme", 250);
        // a repeat of the same event is a duplicate: nothing counted, nothing published
        rater.call("acme-0", "acme", "call_ended", 250, CALL);
        assertEquals(RejectionReason.DUPLICATE, rater.rejected.readValue().reason());
        final List<PeriodStatement> interims = rater.statements.readValuesToList();
        assertEquals(List.of("sub_acme/2026-03-01T00:00:00Z/interim/2"),
            interims.stream().map(PeriodStatement::id).toList());
        assertEquals(List.of(interimLine("2.50")), interims.get(0).lines());
        final KeyValueStore<String, ?> spend = rater.driver.getKeyValueStore(StateStores.SPEND_TOTALS.name());
        assertTrue(spend.get(StateKeys.spend("sub_acme", MARCH)) != null);

        assertEquals(new BigDecimal("10.00"), closeMarch().total());
        assertEquals(null, spend.get(StateKeys.spend("sub_acme", MARCH)), "the close forgets the period's marks");
    }

    @Test
    void shouldFireTheThresholdsAgainInTheNextPeriod() {
        subscribe("acme", "plan", null);
        calls("acme", 120);
        rater.call("april", "acme", "call_ended", 100, APRIL.plusSeconds(60));
        assertEquals(List.of("sub_acme/2026-03-01T00:00:00Z/interim/1", "sub_acme/2026-04-01T00:00:00Z/interim/1"),
            rater.statements.readValuesToList().stream().map(PeriodStatement::id).toList());
    }

    @Test
    void shouldTakeTheSubscriptionsOwnThresholdsInPlaceOfThePlans() {
        subscribe("acme", "plan", amounts("0.50"));
        calls("acme", 60, 50);
        final List<PeriodStatement> interims = rater.statements.readValuesToList();
        assertEquals(List.of("sub_acme/2026-03-01T00:00:00Z/interim/0.5"),
            interims.stream().map(PeriodStatement::id).toList());
        assertEquals(List.of(interimLine("0.60")), interims.get(0).lines());
    }
}
