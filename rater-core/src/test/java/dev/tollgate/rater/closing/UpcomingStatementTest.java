package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.state.TableStoreDef;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upcoming statement is built by the close's own code: with no further event, the statement the
 * period closes with equals, line by line, the upcoming one shown before.
 */
class UpcomingStatementTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;
    private final Subscription subscription = new Subscription("sub_1", "acme", "pro", null, MARCH, null, "calendar",
        2, List.of(new SubscriptionAddOn("support", 1)), List.of("tenth"), null);

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, MARCH.minusSeconds(60));
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.meters.pipeInput("lines", new Meter("lines", "Phone lines", "lines_changed", "latest", "lines",
            Map.of(), false, true));
        rater.addOns.pipeInput("support", new AddOn("support", "Priority support", null, "USD", new BigDecimal("3"),
            null, null, true, 0, null, null));
        rater.coupons.pipeInput("tenth", new Coupon("tenth", "Ten percent off", "percentage", new BigDecimal("10"),
            null, null, null, null, null, List.of(), true, MARCH, MARCH));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private void plan(final String billTiming) {
        rater.plans.pipeInput("pro", new Plan("pro", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Pro", null, "monthly", "USD", new BigDecimal("30"), 0, List.of(
                new Charge("voice", "voice_seconds", "graduated", Map.of("graduated_ranges", List.of(
                    Map.of("from_value", 0, "to_value", 600, "per_unit_amount", "0", "flat_amount", "0"),
                    Map.of("from_value", 600, "per_unit_amount", "0.0125", "flat_amount", "1"))), Map.of(), null,
                    List.of()),
                new Charge("lines", "lines", "standard", Map.of("amount", "4.5"), Map.of(), null, List.of())),
            null, null, new BigDecimal("5"), null, billTiming, null, 0, null, false, null, null, null, null,
            Map.of("welcome", new BigDecimal("2")), null, null))));
        rater.subscribe(subscription, MARCH.minusSeconds(60));
    }

    @Test
    void shouldCloseThePeriodWithTheStatementItShowedAsUpcoming() {
        plan("in_arrears");
        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-05T12:00:00Z"));
        rater.call("e2", "acme", "call_ended", 733, Instant.parse("2026-03-20T12:00:00Z"));
        rater.eventAt("l1", "lines_changed", Map.of("lines", 3), Instant.parse("2026-03-21T08:00:00Z"),
            Instant.parse("2026-03-21T08:00:00Z"));
        rater.wallClockTo(Instant.parse("2026-03-25T00:00:00Z"));

        final PeriodStatement upcoming = upcoming(Instant.parse("2026-03-25T00:00:00Z")).orElseThrow();
        assertEquals(PeriodStatement.UPCOMING, upcoming.kind());
        assertFalse(upcoming.finalStatement());
        assertEquals("sub_1/2026-03-01T00:00:00Z/upcoming", upcoming.id());
        // 30 + 2 seats x 5 + support 3 + voice 1 + 633 x 0.0125 = 8.9125 => 8.91 + 3 lines x 4.5 = 13.50
        // => 65.41; less 10% (6.54) and the 2.00 welcome credit: 56.87
        assertEquals(new BigDecimal("56.87"), upcoming.total(), upcoming.lines().toString());
        assertTrue(rater.statements.isEmpty(), "nothing is issued by asking");

        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement closed = rater.statements.readValue();
        assertSameBill(upcoming, closed);
    }

    @Test
    void shouldShowWhatATerminationGivesBackOfAPeriodPaidInAdvance() {
        plan("in_advance");
        rater.wallClockTo(MARCH.plusSeconds(1));
        rater.statements.readValue();
        final Instant ended = Instant.parse("2026-03-11T00:00:00Z");
        rater.subscribe(subscription.endedAt(ended), MARCH.plusSeconds(2));
        rater.call("e1", "acme", "call_ended", 900, Instant.parse("2026-03-10T12:00:00Z"));

        final PeriodStatement upcoming = upcoming(MARCH.plusSeconds(3)).orElseThrow();
        assertEquals(ended, upcoming.period().end());
        assertTrue(upcoming.lines().stream().anyMatch(line -> line.type().equals("advance_credit")), upcoming.lines()
            .toString());

        rater.wallClockTo(ended.plus(RaterDriver.GRACE).plusSeconds(1));
        assertSameBill(upcoming, rater.statements.readValue());
        assertEquals(Optional.empty(), upcoming(ended.plus(RaterDriver.GRACE).plusSeconds(2)),
            "after its last period closes nothing is left to bill");
    }

    private static void assertSameBill(final PeriodStatement upcoming, final PeriodStatement closed) {
        assertEquals(PeriodStatement.STATEMENT, closed.kind());
        assertEquals(upcoming.period(), closed.period());
        assertEquals(upcoming.planVersion(), closed.planVersion());
        assertEquals(upcoming.currency(), closed.currency());
        final List<StatementLine> lines = closed.lines();
        assertEquals(upcoming.lines(), lines);
        assertEquals(upcoming.subtotal(), closed.subtotal());
        assertEquals(upcoming.total(), closed.total());
    }

    private Optional<PeriodStatement> upcoming(final Instant now) {
        final CatalogView catalog = CatalogView.of(new CatalogView.Tables() {
            @Override
            public <V> V get(final TableStoreDef<String, V> table, final String key) {
                return ValueAndTimestamp.getValueOrNull(rater.driver.<String, V>getTimestampedKeyValueStore(
                    table.name()).get(key));
            }
        });
        final Long closed = rater.driver.<String, Long>getKeyValueStore(StateStores.CLOSED_PERIODS.name())
            .get(subscription.id());
        return new PeriodStatements(catalog,
            rater.driver.getKeyValueStore(StateStores.CHARGE_AGGREGATES.name()),
            rater.driver.getKeyValueStore(StateStores.STATEMENTS.name()),
            rater.driver.getKeyValueStore(StateStores.CREDIT_USE.name()),
            rater.driver.getKeyValueStore(StateStores.SPEND_TOTALS.name()))
            .upcoming(catalog.subscriptions("acme").byId(subscription.id()).orElseThrow(),
                Optional.ofNullable(closed).map(Instant::ofEpochMilli), now);
    }
}
