package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daily plan closes a period at every UTC midnight and bills each day's fee and usage. */
class DailyPeriodsTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;
    private Subscription subscription;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, STARTED.minusSeconds(60));
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.addOns.pipeInput("support", new AddOn("support", "Support", null, "USD", new BigDecimal("36.50"), null,
            null, true, 0, null, null));
        rater.plans.pipeInput("day", new Plan("day", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Day pass", null, "daily", "USD", new BigDecimal("1.40"), 0, List.of(new Charge("calls",
            "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), null, List.of()))))));
        subscription = new Subscription("sub_1", "acme", "day", null, STARTED, null, "calendar", null,
            List.of(new SubscriptionAddOn("support", 1)), List.of(), null);
        rater.subscribe(subscription, STARTED.minusSeconds(60));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private static StatementLine line(final String type, final String code, final String units,
                                      final String amount) {
        return new StatementLine(type, code, new BigDecimal(units), new BigDecimal(amount));
    }

    private static StatementLine support(final String amount) {
        return new StatementLine("add_on", "support", BigDecimal.ONE, new BigDecimal(amount), "Support", null);
    }

    @Test
    void shouldCloseAndBillEachDay() {
        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-01T12:00:00Z"));
        rater.call("e2", "acme", "call_ended", 250, Instant.parse("2026-03-02T08:00:00Z"));
        final Instant march2 = Instant.parse("2026-03-02T00:00:00Z");
        rater.wallClockTo(march2.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement first = rater.statements.readValue();
        assertEquals(STARTED, first.period().start());
        assertEquals(march2, first.period().end());
        // The start day is charged whole: 1.40; support 36.50 a month is 36.50 x 12/365 = 1.20 a day;
        // 500 s x 0.002 = 1.00
        assertEquals(List.of(line("subscription", "day", "1", "1.40"), support("1.20"),
            line("usage", "calls", "500", "1.00")), first.lines());
        assertEquals(new BigDecimal("3.60"), first.total());

        // Closed: a call dated on March 1 arriving now is late
        rater.call("e3", "acme", "call_ended", 100, Instant.parse("2026-03-01T23:00:00Z"));
        final UsageRejection late = rater.rejected.readValue();
        assertEquals("LATE", late.reason().name());

        final Instant march3 = Instant.parse("2026-03-03T00:00:00Z");
        rater.wallClockTo(march3.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement second = rater.statements.readValue();
        assertEquals(march2, second.period().start());
        assertEquals(march3, second.period().end());
        // 250 s x 0.002 = 0.50
        assertEquals(List.of(line("subscription", "day", "1", "1.40"), support("1.20"),
            line("usage", "calls", "250", "0.50")), second.lines());
        assertTrue(rater.statements.isEmpty(), "one statement a day");
    }
}
