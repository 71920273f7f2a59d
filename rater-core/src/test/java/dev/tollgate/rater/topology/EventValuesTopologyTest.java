package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageRejection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an event's own values do to its charge: a dynamic amount, a negative value on a sum meter. */
class EventValuesTopologyTest {

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldBillADynamicChargeTheSumOfTheEventsOwnAmounts() {
        rater.meter(new Meter("tokens", "Tokens", "completion", "sum", "tokens", Map.of()));
        rater.plan(charge("tokens", "tokens", "dynamic", Map.of(), Map.of()));

        rater.event("e1", "completion", Map.of("tokens", 20, "precise_total_amount_cents", "40.2"));
        rater.event("e2", "completion", Map.of("tokens", 5, "precise_total_amount_cents", 1250));
        rater.event("e3", "completion", Map.of("tokens", 1));

        final List<RatedUsage> out = rater.rated.readValuesToList();
        assertEquals(3, out.size());
        // 40.2 cents = 0.402 USD; 1250 cents = 12.50 USD; no amount adds 0 (as in Lago)
        assertAmount("0.402", out.get(0).amount());
        assertAmount("12.50", out.get(1).amount());
        assertAmount("0", out.get(2).amount());
        assertAmount("26", out.get(2).totalUnits());
        assertTrue(rater.rejected.isEmpty());
    }

    @Test
    void shouldRejectADynamicAmountThatIsNotANumber() {
        rater.meter(new Meter("tokens", "Tokens", "completion", "sum", "tokens", Map.of()));
        rater.plan(charge("tokens", "tokens", "dynamic", Map.of(), Map.of()));

        rater.event("e1", "completion", Map.of("tokens", 20, "precise_total_amount_cents", "lots"));

        final UsageRejection rejection = rater.rejected.readValue();
        assertEquals(RejectionReason.INVALID, rejection.reason());
        assertTrue(rejection.detail().contains("precise_total_amount_cents"), rejection.detail());
        assertTrue(rater.rated.isEmpty());
    }

    @Test
    void shouldRejectANegativeValueOnASumMeterAndKeepTheLimitShut() {
        rater.meter(new Meter("seconds", "Seconds", "call", "sum", "seconds", Map.of()));
        rater.plan(new Charge("seconds", "seconds", "standard", Map.of("amount", "1"), Map.of(),
            new ChargeLimit(new BigDecimal("100"), true), List.of()));

        rater.event("e1", "call", Map.of("seconds", 100));
        rater.event("e2", "call", Map.of("seconds", -50));
        rater.event("e3", "call", Map.of("seconds", 50));

        final List<RatedUsage> out = rater.rated.readValuesToList();
        assertEquals(1, out.size());
        final UsageRejection negative = rater.rejected.readValue();
        assertEquals(RejectionReason.INVALID, negative.reason());
        assertEquals("e2", negative.eventId());
        assertTrue(negative.detail().contains("allow_negative"), negative.detail());
        // the limit is still reached: -50 did not make room for e3
        final UsageRejection pastLimit = rater.rejected.readValue();
        assertEquals(RejectionReason.LIMIT_EXCEEDED, pastLimit.reason());
        assertEquals("e3", pastLimit.eventId());
        assertTrue(rater.rejected.isEmpty());
    }

    @Test
    void shouldTakeANegativeValueWhereTheMeterAllowsIt() {
        rater.meter(new Meter("credits", "Credits", "adjust", "sum", "units", Map.of(), true));
        rater.plan(charge("credits", "credits", "standard", Map.of("amount", "2"), Map.of()));

        rater.event("e1", "adjust", Map.of("units", 10));
        rater.event("e2", "adjust", Map.of("units", -4));

        final List<RatedUsage> out = rater.rated.readValuesToList();
        assertEquals(2, out.size());
        // 10 x 2 = 20, then 6 x 2 = 12: the correction takes 8 off
        assertAmount("-8", out.get(1).amount());
        assertAmount("6", out.get(1).totalUnits());
        assertTrue(rater.rejected.isEmpty());
    }

    private static void assertAmount(final String expected, final BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
    }
}
