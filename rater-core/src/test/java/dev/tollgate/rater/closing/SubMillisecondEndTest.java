package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A termination stamped finer than a millisecond (the plan API's clock gives microseconds) closes
 * its period once: the close is kept in milliseconds, and rounding it down would have reopened the
 * period and published it again with its usage already gone.
 */
class SubMillisecondEndTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-03-20T09:00:00.123456Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldCloseAPeriodEndedMidMillisecondExactlyOnce() {
        rater = new RaterDriver(stateDir, STARTED.minusSeconds(60));
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.plans.pipeInput("basic", new Plan("basic", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Basic", null, "monthly", "USD", BigDecimal.ZERO, 0, List.of(new Charge("calls",
            "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), null, List.of())), null, null,
            null, null, null, null, 0, null, false, null, null, null, null, null, null))));
        final Subscription subscription = new Subscription("sub_1", "acme", "basic", null, STARTED, null, "calendar",
            null, List.of(), List.of(), null);
        rater.subscribe(subscription, STARTED.minusSeconds(60));
        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-10T12:00:00Z"));
        rater.subscribe(subscription.endedAt(ENDED), ENDED);

        rater.wallClockTo(ENDED.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement closing = rater.statements.readValue();
        assertEquals(ENDED, closing.period().end());
        // 500 s x 0.002 = 1.00
        assertEquals(new BigDecimal("1.00"), closing.total());

        rater.wallClockBy(Duration.ofSeconds(10));
        rater.wallClockBy(Duration.ofSeconds(10));
        assertTrue(rater.statements.isEmpty(), "the period closed once");
    }
}
