package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.rater.config.RaterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold for events whose catalog has not arrived is bounded in entries and in work per retry run. */
class PendingHoldTopologyTest {

    private static final int LIMIT = 3;
    private static final int PER_RUN = 2;

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, new RaterSettings(RaterDriver.PARTITIONS, Duration.ofDays(35),
            Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofDays(60), LIMIT, PER_RUN, Duration.ofSeconds(5), RaterSettings.DEFAULT_CLOSE_RUN_BUDGET));
        rater.meter(new Meter("calls", "Calls", "call", "count", null, Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldRejectAtOnceWithTheReasonOnceTheHoldIsFull() {
        for (int i = 1; i <= 5; i++) {
            rater.event("e" + i, "call", Map.of());
        }

        // e1..e3 wait for a subscription; the hold is full for e4 and e5
        for (final String id : List.of("e4", "e5")) {
            final UsageRejection rejection = rater.rejected.readValue();
            assertEquals(id, rejection.eventId());
            assertEquals(RejectionReason.NO_SUBSCRIPTION, rejection.reason());
            assertTrue(rejection.detail().contains("not held for the catalog: 3 events"), rejection.detail());
        }
        assertTrue(rater.rejected.isEmpty());
        assertTrue(rater.rated.isEmpty());
    }

    @Test
    void shouldRetryABoundedSliceOfTheHoldPerRunAndFreeItsPlaces() {
        for (int i = 1; i <= 3; i++) {
            rater.event("e" + i, "call", Map.of());
        }
        rater.plan(charge("calls", "calls", "standard", Map.of("amount", "1"), Map.of()));

        rater.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertEquals(List.of("e1", "e2"), ids(rater.rated.readValuesToList()));
        rater.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertEquals(List.of("e3"), ids(rater.rated.readValuesToList()));

        // released events free their places: the hold takes three more
        rater.subscriptions.pipeInput(RaterDriver.CUSTOMER, null);
        for (int i = 4; i <= 6; i++) {
            rater.event("e" + i, "call", Map.of());
        }
        assertTrue(rater.rejected.isEmpty());
    }

    private static List<String> ids(final List<RatedUsage> rated) {
        return rated.stream().map(RatedUsage::eventId).toList();
    }
}
