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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan's minimum commitment: a period that bills less owes the difference on its closing statement. */
class MinimumCommitmentCloseTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Meter METER = new Meter("voice_seconds", "Voice seconds", "call_ended", "sum", "seconds",
        Map.of());

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, MARCH.minusSeconds(60));
        rater.meters.pipeInput(METER.code(), METER);
        // 10.00 a month and 0.01 a second, at least 50.00 a month
        rater.plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(new Charge("voice",
                METER.code(), "standard", Map.of("amount", "0.01"), Map.of(), null, List.of())), null, null, null,
            null, null, null, 0, null, false, null, null, null, null, null, null, List.of(),
            new BigDecimal("50"), null, null))));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private PeriodStatement march(final Instant started, final int... calls) {
        rater.subscribe(new Subscription("sub_1", "acme", "voice", null, started, null, "calendar"),
            started.minusSeconds(60));
        for (int i = 0; i < calls.length; i++) {
            rater.call("e" + i, "acme", "call_ended", calls[i], Instant.parse("2026-03-25T12:00:00Z"));
        }
        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement statement = rater.statements.readValue();
        assertTrue(rater.statements.isEmpty());
        return statement;
    }

    private static StatementLine line(final String type, final String units, final String amount) {
        return new StatementLine(type, "voice", new BigDecimal(units), new BigDecimal(amount));
    }

    @Test
    void shouldBillWhatTheMonthFellShortOfTheMinimum() {
        final PeriodStatement statement = march(MARCH, 600, 400);
        // 10.00 base + 1000 s x 0.01 = 10.00 usage => 20.00, 30.00 short of 50.00
        assertEquals(List.of(line("subscription", "1", "10.00"), line("usage", "1000", "10.00"),
            line("minimum_commitment", "1", "30.00")), statement.lines());
        assertEquals(new BigDecimal("50.00"), statement.subtotal());
        assertEquals(new BigDecimal("50.00"), statement.total());
    }

    @Test
    void shouldBillNoTrueUpOnceTheMonthReachesTheMinimum() {
        // 10.00 + 4000 s x 0.01 = 50.00: exactly the minimum
        assertEquals(List.of(line("subscription", "1", "10.00"), line("usage", "4000", "40.00")),
            march(MARCH, 4000).lines());
    }

    @Test
    void shouldProrateTheMinimumOfAMonthCutShortAsTheBase() {
        final PeriodStatement statement = march(Instant.parse("2026-03-21T00:00:00Z"), 100);
        // 11 of 31 days: base 10 x 11/31 = 3.55, minimum 50 x 11/31 = 17.74; 17.74 - (3.55 + 1.00) = 13.19
        assertEquals(List.of(line("subscription", "1", "3.55"), line("usage", "100", "1.00"),
            line("minimum_commitment", "1", "13.19")), statement.lines());
        assertEquals(new BigDecimal("17.74"), statement.total());
    }
}
