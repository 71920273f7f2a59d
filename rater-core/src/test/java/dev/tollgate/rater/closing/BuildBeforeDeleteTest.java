package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A close whose statement cannot be built yet keeps the period's usage for the run that can build it. */
class BuildBeforeDeleteTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CALL = Instant.parse("2026-03-10T12:00:00Z");
    private static final Meter METER = new Meter("voice_seconds", "Voice seconds", "call_ended", "sum", "seconds",
        Map.of());

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, CALL);
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldKeepThePeriodsUsageWhenItsStatementCannotBeBuilt() {
        rater.meters.pipeInput(METER.code(), METER);
        rater.plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(new Charge("voice",
            METER.code(), "standard", Map.of("amount", "0.002"), Map.of(), null, List.of()))))));
        final Subscription subscription = new Subscription("sub_1", "acme", "voice", null, MARCH, null, "calendar");
        rater.subscribe(subscription, CALL);
        rater.call("e1", "acme", "call_ended", 125, CALL);
        assertEquals(1, rater.rated.readValuesToList().size());

        // The meter leaves the catalog: the statement's usage line cannot be priced, so the close fails.
        rater.meters.pipeInput(METER.code(), null);
        rater.subscribe(subscription, Instant.parse("2026-04-01T01:00:01Z"));
        rater.wallClockTo(Instant.parse("2026-04-01T01:00:05Z"));
        assertTrue(rater.statements.isEmpty(), "no statement without the meter");

        rater.meters.pipeInput(METER.code(), METER);
        rater.wallClockBy(Duration.ofSeconds(2));
        final PeriodStatement march = rater.statements.readValue();
        // base 10.00 + 125 s x 0.002 = 0.25 => 10.25: the usage survived the failed close
        assertEquals(List.of(new StatementLine("subscription", "voice", BigDecimal.ONE, new BigDecimal("10.00")),
            new StatementLine("usage", "voice", new BigDecimal("125"), new BigDecimal("0.25"))), march.lines());
        assertEquals(new BigDecimal("10.25"), march.total());
        assertTrue(rater.statements.isEmpty());
    }
}
