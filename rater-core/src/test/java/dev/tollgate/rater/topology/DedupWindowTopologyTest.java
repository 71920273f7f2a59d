package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.NOW;
import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dedup holds for the whole window from when the rater first saw an event, whatever the records' timestamps. */
class DedupWindowTopologyTest {

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
        rater.meter(new Meter("calls", "Calls", "call", "count", null, Map.of()));
        rater.plan(null, Instant.parse("2026-01-01T00:00:00Z"),
            charge("calls", "calls", "standard", Map.of("amount", "1"), Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldRejectAReplayedRecordStampedOlderThanTheWindowAsDuplicate() {
        final Instant replayed = NOW.minus(Duration.ofDays(40));
        rater.event("e0", "call", Map.of());
        // stream time is at NOW: a record stamped 40 days back is older than stream time minus the 35-day window
        rater.eventAt("e1", "call", Map.of(), replayed, replayed);
        rater.eventAt("e1", "call", Map.of(), replayed, replayed);

        assertEquals(List.of("e0", "e1"), rater.rated.readValuesToList().stream().map(RatedUsage::eventId).toList());
        assertEquals(RejectionReason.DUPLICATE, rater.rejected.readValue().reason());
        assertTrue(rater.rejected.isEmpty());
    }

    @Test
    void shouldRememberAnEventForTheWindowFromWhenItWasFirstSeen() {
        final Instant callTime = NOW.minus(Duration.ofHours(1));
        rater.eventAt("e1", "call", Map.of(), callTime, callTime);
        rater.driver.advanceWallClockTime(Duration.ofDays(34));
        // sent again 34 days later, stamped then
        rater.eventAt("e1", "call", Map.of(), callTime, NOW.plus(Duration.ofDays(34)));

        assertEquals(1, rater.rated.readValuesToList().size());
        assertEquals(RejectionReason.DUPLICATE, rater.rejected.readValue().reason());
        assertTrue(rater.rejected.isEmpty());
    }
}
