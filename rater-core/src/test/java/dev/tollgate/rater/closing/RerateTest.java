package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.Rerate;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.model.rating.StatementLine;
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

/**
 * A closed period priced again under another plan version: the accepted events of the period, the
 * late ones with them, give an adjustment of the difference per line, published once per request,
 * and the statement stays as it was.
 */
class RerateTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant CLOSED = APRIL.plus(RaterDriver.GRACE).plusSeconds(1);
    private static final String STATEMENT_ID = "sub_1/2026-03-01T00:00:00Z";

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, MARCH.minusSeconds(60));
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.meters.pipeInput("messages", new Meter("messages", "Messages", "sms_sent", "count", null, Map.of()));
        rater.meters.pipeInput("lines", new Meter("lines", "Phone lines", "lines_changed", "latest", "lines",
            Map.of(), false, true));
        // v1 bills voice at a wrong 0.01 a second (and a line at 4); v2, made to fix it, at 0.02 (and 5), in
        // force only from 2030.
        rater.plans.pipeInput("pro", new Plan("pro", Plan.PlanStatus.ACTIVE, List.of(version(1, Instant.EPOCH,
            "0.01", "4"), version(2, Instant.parse("2030-01-01T00:00:00Z"), "0.02", "5"))));
        rater.subscriptions.pipeInput("acme", new CustomerSubscriptions("acme", List.of(new Subscription("sub_1",
            "acme", "pro", null, MARCH, null, "calendar"))), MARCH.minusSeconds(60));
    }

    private static PlanVersion version(final int number, final Instant from, final String voicePrice,
                                       final String linePrice) {
        return new PlanVersion(number, from, "Pro", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(
            new Charge("voice", "voice_seconds", "standard", Map.of("amount", voicePrice), Map.of(), null, List.of()),
            new Charge("sms", "messages", "standard", Map.of("amount", "0.05"), Map.of(), null, List.of()),
            new Charge("lines", "lines", "standard", Map.of("amount", linePrice), Map.of(), null, List.of())));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    /** March billed: base 10 + 1,200 s x 0.01 + 2 messages x 0.05 = 22.10; then a call of March comes late. */
    private PeriodStatement closeMarchAndSendALateCall() {
        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-05T12:00:00Z"));
        rater.call("e2", "acme", "call_ended", 700, Instant.parse("2026-03-20T12:00:00Z"));
        rater.eventAt("m1", "sms_sent", Map.of(), Instant.parse("2026-03-21T08:00:00Z"),
            Instant.parse("2026-03-21T08:00:00Z"));
        rater.eventAt("m2", "sms_sent", Map.of(), Instant.parse("2026-03-22T08:00:00Z"),
            Instant.parse("2026-03-22T08:00:00Z"));
        rater.wallClockTo(CLOSED);
        final PeriodStatement statement = rater.statements.readValue();
        assertEquals(new BigDecimal("22.10"), statement.total(), statement.lines().toString());
        rater.eventAt("e3", "call_ended", Map.of("seconds", 300), Instant.parse("2026-03-25T12:00:00Z"),
            CLOSED.plusSeconds(60));
        assertEquals(RejectionReason.LATE, rater.rejected.readValue().reason());
        return statement;
    }

    private void rerate(final String id, final Instant periodStart, final int version) {
        rater.rerates.pipeInput("acme", new RerateRequest(id, "sub_1", periodStart, version,
            CLOSED.plusSeconds(120)), CLOSED.plusSeconds(120));
    }

    @Test
    void shouldAdjustByTheDifferenceAFixedPriceMakesPerLineLateEventsIncluded() {
        final PeriodStatement statement = closeMarchAndSendALateCall();

        rerate("fix-voice", MARCH, 2);

        final PeriodStatement adjustment = rater.statements.readValue();
        assertEquals(PeriodStatement.RERATE, adjustment.kind());
        assertEquals(STATEMENT_ID + "/rerates/fix-voice", adjustment.id());
        assertEquals(STATEMENT_ID, adjustment.adjusts());
        assertEquals(2, adjustment.planVersion());
        assertEquals(statement.period(), adjustment.period());
        // 1,500 s (the late 300 with them) x 0.02 = 30.00 where 1,200 s x 0.01 = 12.00 was billed.
        assertEquals(List.of(new StatementLine("usage", "voice", new BigDecimal("300"), new BigDecimal("18.00"))),
            adjustment.lines().stream().map(line -> new StatementLine(line.type(), line.code(), line.units(),
                line.amount())).toList(), "base and messages are unchanged and have no line");
        assertEquals(new BigDecimal("18.00"), adjustment.total());
        assertTrue(rater.statements.isEmpty());

        final Rerate outcome = outcome("fix-voice");
        assertEquals(Rerate.RERATED, outcome.status());
        assertEquals(5, outcome.events());
        assertEquals(1, outcome.lateEvents());
        assertEquals(adjustment.id(), outcome.adjustmentId());
        assertEquals(statement, statements().get(StateKeys.statement("sub_1", MARCH)), "the statement stays");
    }

    @Test
    void shouldKeepEveryRatedAndLateEventOnTheAcceptedEventsTopic() {
        closeMarchAndSendALateCall();

        final List<AcceptedEvent> kept = rater.accepted.readValuesToList();
        assertEquals(List.of("e1", "e2", "m1", "m2", "e3"), kept.stream().map(event -> event.event().id()).toList());
        assertEquals(List.of(false, false, false, false, true), kept.stream().map(AcceptedEvent::late).toList());
        assertEquals(MARCH, kept.get(4).periodStart());
        assertEquals("sub_1", kept.get(4).subscriptionId());
        assertEquals(1, kept.get(4).planVersion());
    }

    @Test
    void shouldAdjustOncePerRequestAndNotAgainForWhatWasAdjustedAlready() {
        closeMarchAndSendALateCall();

        rerate("fix-voice", MARCH, 2);
        rerate("fix-voice", MARCH, 2);
        assertEquals(new BigDecimal("18.00"), rater.statements.readValue().total());
        assertTrue(rater.statements.isEmpty(), "a request read twice adjusts once");

        rerate("fix-voice-again", MARCH, 2);
        final PeriodStatement again = rater.statements.readValue();
        assertEquals(0, again.total().signum(), "the period was adjusted to v2's prices already");
        assertEquals(List.of(), again.lines());

        rerate("back-to-v1", MARCH, 1);
        final PeriodStatement back = rater.statements.readValue();
        // v1 prices the 1,500 s at 15.00, where 30.00 stands after the first re-rate.
        assertEquals(new BigDecimal("-15.00"), back.total());
        assertEquals(3, rater.counts.reratesDone(), "the repeat is not counted");
    }

    @Test
    void shouldRefuseAnUnknownVersionOrAPeriodWithoutAClosedStatement() {
        closeMarchAndSendALateCall();

        rerate("no-such-version", MARCH, 9);
        rerate("open-period", APRIL, 2);
        rerate("before-start", Instant.parse("2026-02-01T00:00:00Z"), 2);

        assertTrue(rater.statements.isEmpty(), "nothing is issued");
        assertEquals("plan pro has no version 9", outcome("no-such-version").detail());
        assertEquals("the period of subscription sub_1 starting 2026-04-01T00:00:00Z has not closed yet",
            outcome("open-period").detail());
        assertEquals("subscription sub_1 has no final statement for the period starting 2026-02-01T00:00:00Z",
            outcome("before-start").detail());
        assertEquals(3, rater.counts.reratesRejected());
        for (final String id : List.of("no-such-version", "open-period", "before-start")) {
            assertFalse(outcome(id).rerated());
            assertNull(outcome(id).adjustmentId());
        }
    }

    @Test
    void shouldPriceTheValueARecurringChargeCarriedIntoAPeriodThatReportedNone() {
        rater.eventAt("l1", "lines_changed", Map.of("lines", 3), Instant.parse("2026-03-02T08:00:00Z"),
            Instant.parse("2026-03-02T08:00:00Z"));
        rater.wallClockTo(CLOSED);
        rater.statements.readValue();
        rater.wallClockTo(Instant.parse("2026-05-01T01:00:02Z"));
        final PeriodStatement april = rater.statements.readValue();
        // base 10 + 3 lines carried from March x 4
        assertEquals(new BigDecimal("22.00"), april.total(), april.lines().toString());

        rerate("fix-april", APRIL, 2);

        final PeriodStatement adjustment = rater.statements.readValue();
        assertEquals(List.of(new StatementLine("usage", "lines", new BigDecimal("0"), new BigDecimal("3.00"))),
            adjustment.lines().stream().map(line -> new StatementLine(line.type(), line.code(), line.units(),
                line.amount())).toList(), "the same 3 lines at 5");
        assertEquals(new BigDecimal("3.00"), adjustment.total());
        assertEquals(0, outcome("fix-april").events(), "April reported nothing");
    }

    @Test
    void shouldForgetARerateWithItsStatementPastTheRetention() {
        closeMarchAndSendALateCall();
        rerate("fix-voice", MARCH, 2);
        rerate("no-such-version", MARCH, 9);
        assertEquals(PeriodStatement.RERATE, rater.statements.readValue().kind());

        // June's first close is more than the 60 days' retention after March's end.
        rater.wallClockTo(Instant.parse("2026-06-01T01:00:02Z"));

        assertNull(statements().get(StateKeys.statement("sub_1", MARCH)));
        assertNull(statements().get(StateKeys.rerateAdjustment(StateKeys.statement("sub_1", MARCH), "fix-voice")));
        assertNull(outcome("fix-voice"));
        assertNull(outcome("no-such-version"), "a refused re-rate goes with the period it named");
    }

    private Rerate outcome(final String id) {
        final KeyValueStore<String, Rerate> outcomes = rater.driver.getKeyValueStore(StateStores.RERATES.name());
        return outcomes.get(StateKeys.rerate("sub_1", id));
    }

    private KeyValueStore<String, PeriodStatement> statements() {
        return rater.driver.getKeyValueStore(StateStores.STATEMENTS.name());
    }
}
