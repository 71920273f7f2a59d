package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.CUSTOMER;
import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rater keeps the catalog it read decoded between events; a change to a plan, a meter or a
 * subscription applies from the next event on, never later.
 */
class CatalogChangeTopologyTest {

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
        rater.meter(new Meter("seconds", "Seconds", "call", "sum", "seconds", Map.of()));
        rater.plan(charge("talk", "seconds", "standard", Map.of("amount", "0.01"), Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldRateTheEventAfterAPlanChangeAtTheNewPrice() {
        rater.event("e1", "call", Map.of("seconds", 100));
        // the plan alone changes: its only version now prices talk at 0.03
        rater.plans.pipeInput("plan", RaterDriver.monthlyPlan("plan", BigDecimal.ZERO,
            charge("talk", "seconds", "standard", Map.of("amount", "0.03"), Map.of())));
        rater.event("e2", "call", Map.of("seconds", 100));

        assertEquals(List.of(), rater.rejected.readValuesToList());
        final List<RatedUsage> out = rater.rated.readValuesToList();
        // 100 s x 0.01 = 1, then the 100 s this event adds at the new price: 100 s x 0.03 = 3
        assertEquals(new BigDecimal("1"), out.get(0).amount().stripTrailingZeros());
        assertEquals(new BigDecimal("3"), out.get(1).amount().stripTrailingZeros());
    }

    @Test
    void shouldNotRateByAMeterThatNoLongerMatches() {
        rater.event("e1", "call", Map.of("seconds", 100));
        rater.meter(new Meter("seconds", "Seconds", "voice_call", "sum", "seconds", Map.of()));
        rater.event("e2", "call", Map.of("seconds", 100));

        assertEquals(1, rater.rated.readValuesToList().size());
        rater.wallClockBy(Duration.ofSeconds(11));
        assertEquals(List.of(RejectionReason.NOT_BILLABLE),
            rater.rejected.readValuesToList().stream().map(rejection -> rejection.reason()).toList());
    }

    @Test
    void shouldRejectTheEventAfterTheSubscriptionIsGone() {
        rater.event("e1", "call", Map.of("seconds", 100));
        rater.subscriptions.pipeInput(CUSTOMER, new CustomerSubscriptions(CUSTOMER, List.of()));
        rater.event("e2", "call", Map.of("seconds", 100));

        assertEquals(1, rater.rated.readValuesToList().size());
        rater.wallClockBy(Duration.ofSeconds(11));
        assertEquals(List.of(RejectionReason.NO_SUBSCRIPTION),
            rater.rejected.readValuesToList().stream().map(rejection -> rejection.reason()).toList());
    }
}
