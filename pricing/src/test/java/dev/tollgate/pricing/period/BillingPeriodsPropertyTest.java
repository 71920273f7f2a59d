package dev.tollgate.pricing.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BillingPeriodsPropertyTest {

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2032-12-31T23:59:59Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void periodsTileTimeWithoutGapsOrOverlaps(@ForAll IntervalUnit unit, @ForAll @IntRange(min = 1, max = 4) int every,
            @ForAll BillingAnchor anchor, @ForAll("instants") Instant started, @ForAll("instants") Instant at) {
        final BillingInterval interval = new BillingInterval(unit, every);
        final BillingPeriod period = BillingPeriods.periodAt(interval, anchor, started, at);
        assertTrue(period.contains(at), () -> period + " should contain " + at);
        final BillingPeriod next = BillingPeriods.periodAt(interval, anchor, started, period.end());
        assertEquals(period.end(), next.start());
        final BillingPeriod previous = BillingPeriods.periodAt(interval, anchor, started, period.start().minusNanos(1));
        assertEquals(period.start(), previous.end());
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void anniversaryMonthsStartOnTheAnchorDayOrTheLastDayOfShorterMonths(@ForAll("instants") Instant started,
            @ForAll("instants") Instant at) {
        final BillingPeriod period = BillingPeriods.periodAt(BillingInterval.fromWire("monthly"),
                BillingAnchor.ANNIVERSARY, started, at);
        final LocalDate start = LocalDate.ofInstant(period.start(), ZoneOffset.UTC);
        final int anchorDay = LocalDate.ofInstant(started, ZoneOffset.UTC).getDayOfMonth();
        assertEquals(Math.min(anchorDay, start.lengthOfMonth()), start.getDayOfMonth());
    }
}
