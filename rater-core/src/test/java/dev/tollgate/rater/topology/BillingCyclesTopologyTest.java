package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A subscription ends after its plan's billing_cycles: later events are rejected and keep no state. */
class BillingCyclesTopologyTest {

    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
        rater.meter(new Meter("calls", "Calls", "call", "count", null, Map.of()));
        // two monthly cycles from March 1: March and April
        rater.plan(2, charge("calls", "calls", "standard", Map.of("amount", "1"), Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldRejectEventsAfterTheLastBillingCycleAndKeepNoStateForThem() {
        final Instant lastCycle = Instant.parse("2026-04-30T23:59:59Z");
        final Instant afterIt = Instant.parse("2026-05-10T12:00:00Z");
        rater.eventAt("e1", "call", Map.of(), lastCycle, lastCycle);
        rater.eventAt("e2", "call", Map.of(), MAY, MAY);
        rater.eventAt("e3", "call", Map.of(), afterIt, afterIt);

        final List<RatedUsage> out = rater.rated.readValuesToList();
        assertEquals(List.of("e1"), out.stream().map(RatedUsage::eventId).toList());
        for (final String id : List.of("e2", "e3")) {
            final UsageRejection rejection = rater.rejected.readValue();
            assertEquals(id, rejection.eventId());
            assertEquals(RejectionReason.SUBSCRIPTION_ENDED, rejection.reason());
            assertTrue(rejection.detail().contains("ended at " + MAY), rejection.detail());
        }
        assertTrue(rater.rejected.isEmpty());

        final KeyValueStore<String, ChargeState> aggregates =
            rater.driver.getKeyValueStore(StateStores.CHARGE_AGGREGATES.name());
        assertNotNull(aggregates.get(StateKeys.charge("sub_1", ChargeSlot.of("calls"), APRIL)));
        assertNull(aggregates.get(StateKeys.charge("sub_1", ChargeSlot.of("calls"), MAY)));
    }
}
