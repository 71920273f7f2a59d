package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.NOW;
import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.model.rating.UsageRejection;
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

/**
 * A custom charge rates each event with the difference of its expression after and before the event, and the
 * period's statement bills the sum, rounded to the currency; an amount the expression cannot give rejects the event.
 */
class CustomChargeTopologyTest {

    private static final Instant APRIL = Instant.parse("2026-04-01T01:30:00Z");

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
        rater.meter(new Meter("storage", "Storage", "stored", "sum", "gb", Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private PeriodStatement closeMarch() {
        rater.eventAt("april", "stored", Map.of("gb", 1), APRIL, APRIL);
        rater.driver.advanceWallClockTime(Duration.between(NOW, APRIL.plusSeconds(5)));
        return rater.statements.readValue();
    }

    @Test
    void shouldRateEventsWithTheExpressionsAmountsAndBillThemOnTheStatement() {
        // 0.10 a GB up to 100, then 0.05, plus 1.5 once anything is stored
        rater.plan(charge("storage", "storage", "custom", Map.of(
            "expression", "IF(units <= 100, units * low, 100 * low + (units - 100) * high) + IF(units > 0, flat, 0)",
            "variables", Map.of("low", "0.10", "high", "0.05", "flat", "1.5")), Map.of()));
        rater.event("e1", "stored", Map.of("gb", 40));
        rater.event("e2", "stored", Map.of("gb", "60.5"));

        final List<RatedUsage> out = rater.rated.readValuesToList();
        assertEquals(2, out.size());
        // 40 x 0.10 + 1.5 = 5.5
        assertAmount("5.5", out.get(0).amount());
        // 100 x 0.10 + 0.5 x 0.05 + 1.5 = 11.525, so the second event adds 6.025
        assertAmount("6.025", out.get(1).amount());
        assertAmount("100.5", out.get(1).totalUnits());

        final PeriodStatement march = closeMarch();
        final StatementLine usage = march.lines().stream().filter(line -> "usage".equals(line.type()))
            .findFirst().orElseThrow();
        // 11.525 rounds half up to 11.53 USD on the statement
        assertEquals(new BigDecimal("11.53"), usage.amount());
        assertAmount("100.5", usage.units());
        assertEquals(new BigDecimal("11.53"), march.total());
    }

    @Test
    void shouldRejectAnEventTheExpressionCannotPriceAndBillTheOthers() {
        // Valid at creation, which prices 0 units, yet negative past 10 GB
        rater.plan(charge("storage", "storage", "custom", Map.of("expression", "cap - units",
            "variables", Map.of("cap", "10")), Map.of()));
        rater.event("e1", "stored", Map.of("gb", 6));
        rater.event("e2", "stored", Map.of("gb", 6));

        final List<RatedUsage> out = rater.rated.readValuesToList();
        assertEquals(1, out.size());
        assertAmount("4", out.get(0).amount());
        final UsageRejection rejection = rater.rejected.readValue();
        assertEquals("e2", rejection.eventId());
        assertEquals(RejectionReason.INVALID, rejection.reason());
        assertTrue(rejection.detail().contains("properties.expression: at 12 units computes -2; an amount must not"
            + " be negative"), rejection.detail());

        // 10 - 6 = 4 for the one event rated
        assertEquals(new BigDecimal("4.00"), closeMarch().total());
    }

    private static void assertAmount(final String expected, final BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }
}
