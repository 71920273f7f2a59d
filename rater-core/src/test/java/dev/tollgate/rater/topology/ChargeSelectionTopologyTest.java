package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.RatedUsage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event is priced by at most one charge per meter; a charge without filters is the default price. */
class ChargeSelectionTopologyTest {

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
        rater.meter(new Meter("seconds", "Seconds", "call", "sum", "seconds", Map.of()));
        rater.meter(new Meter("calls", "Calls", "call", "count", null, Map.of()));
        rater.plan(
            charge("other", "seconds", "standard", Map.of("amount", "0.01"), Map.of()),
            charge("inbound", "seconds", "standard", Map.of("amount", "0.02"), Map.of("direction", List.of("inbound"))),
            charge("outbound", "seconds", "standard", Map.of("amount", "0.05"),
                Map.of("direction", List.of("outbound"))),
            charge("calls", "calls", "standard", Map.of("amount", "1"), Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldBillAFilteredEventOnlyByItsFilteredChargeAndTheRestByTheDefault() {
        rater.event("e1", "call", Map.of("seconds", 100, "direction", "inbound"));
        rater.event("e2", "call", Map.of("seconds", 100, "direction", "outbound"));
        rater.event("e3", "call", Map.of("seconds", 100, "direction", "internal"));
        rater.event("e4", "call", Map.of("seconds", 100));

        final List<RatedUsage> out = rater.rated.readValuesToList();
        // each event: one charge of the seconds meter, and the calls meter's own charge
        assertEquals(List.of("inbound", "calls", "outbound", "calls", "other", "calls", "other", "calls"),
            out.stream().map(RatedUsage::charge).toList());
        // 100 s x 0.02 = 2; 100 s x 0.05 = 5; the default: 100 s x 0.01 = 1, twice, with 200 s in its period
        assertAmount("2", out.get(0).amount());
        assertAmount("5", out.get(2).amount());
        assertAmount("1", out.get(4).amount());
        assertAmount("1", out.get(6).amount());
        assertAmount("200", out.get(6).totalUnits());
        assertTrue(rater.rejected.isEmpty());
    }

    private static void assertAmount(final String expected, final BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
    }
}
