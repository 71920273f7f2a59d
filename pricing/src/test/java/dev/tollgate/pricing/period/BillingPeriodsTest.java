package dev.tollgate.pricing.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.pricing.validation.InvalidPricingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingPeriodsTest {

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static BillingPeriod period(String start, String end) {
        return new BillingPeriod(day(start), day(end));
    }

    @ParameterizedTest(name = "{0} at {1} -> {2} .. {3}")
    @CsvSource({
        // daily periods run midnight to midnight UTC
        "daily,     2026-01-07T15:00:00Z, 2026-01-07, 2026-01-08",
        "daily,     2026-01-08T00:00:00Z, 2026-01-08, 2026-01-09",
        "daily,     2024-02-29T23:59:59.999Z, 2024-02-29, 2024-03-01",
        // weekly calendar periods run Monday to Monday; 2026-01-07 is a Wednesday
        "weekly,    2026-01-07T15:00:00Z, 2026-01-05, 2026-01-12",
        "weekly,    2026-01-12T00:00:00Z, 2026-01-12, 2026-01-19",
        "monthly,   2026-02-15T08:00:00Z, 2026-02-01, 2026-03-01",
        // the end is exclusive: the last instant of January is still January
        "monthly,   2026-01-31T23:59:59.999Z, 2026-01-01, 2026-02-01",
        "monthly,   2024-02-29T12:00:00Z, 2024-02-01, 2024-03-01",
        "quarterly, 2026-05-20T00:00:00Z, 2026-04-01, 2026-07-01",
        "quarterly, 2026-12-31T00:00:00Z, 2026-10-01, 2027-01-01",
        "yearly,    2026-07-04T00:00:00Z, 2026-01-01, 2027-01-01"
    })
    void shouldAlignCalendarPeriodsToTheCalendar(String interval, String at, String start, String end) {
        assertEquals(period(start, end), BillingPeriods.periodAt(BillingInterval.fromWire(interval),
                BillingAnchor.CALENDAR, day("2025-11-17"), Instant.parse(at)));
    }

    @ParameterizedTest(name = "monthly from {0}, at {1} -> {2} .. {3}")
    @CsvSource({
        // month-end anchoring: Jan 31 -> Feb 29 (leap year) -> Mar 31 -> Apr 30 -> May 31
        "2024-01-31, 2024-02-10, 2024-01-31, 2024-02-29",
        "2024-01-31, 2024-03-01, 2024-02-29, 2024-03-31",
        "2024-01-31, 2024-04-15, 2024-03-31, 2024-04-30",
        "2024-01-31, 2024-05-30, 2024-04-30, 2024-05-31",
        // and Feb 28 in a common year
        "2025-01-31, 2025-02-28, 2025-02-28, 2025-03-31",
        "2025-01-30, 2025-03-29, 2025-02-28, 2025-03-30",
        "2026-03-15, 2026-03-14, 2026-02-15, 2026-03-15"
    })
    void shouldAnchorMonthlyPeriodsOnTheStartDayClampedToTheMonth(String started, String at, String start,
            String end) {
        assertEquals(period(start, end), BillingPeriods.periodAt(BillingInterval.fromWire("monthly"),
                BillingAnchor.ANNIVERSARY, day(started).plusSeconds(15 * 3600), day(at).plusSeconds(3600)));
    }

    @Test
    void shouldAnchorOtherIntervalsOnTheStartDate() {
        final Instant leapDay = Instant.parse("2024-02-29T18:30:00Z");
        assertEquals(period("2025-02-28", "2026-02-28"), BillingPeriods.periodAt(BillingInterval.fromWire("yearly"),
                BillingAnchor.ANNIVERSARY, leapDay, day("2025-06-01")));
        assertEquals(period("2028-02-29", "2029-02-28"), BillingPeriods.periodAt(BillingInterval.fromWire("yearly"),
                BillingAnchor.ANNIVERSARY, leapDay, day("2028-03-01")));
        assertEquals(period("2025-11-30", "2026-02-28"), BillingPeriods.periodAt(BillingInterval.fromWire("quarterly"),
                BillingAnchor.ANNIVERSARY, day("2025-11-30"), day("2026-01-15")));
        assertEquals(period("2026-02-28", "2026-05-30"), BillingPeriods.periodAt(BillingInterval.fromWire("quarterly"),
                BillingAnchor.ANNIVERSARY, day("2025-11-30"), day("2026-03-15")));
        assertEquals(period("2026-01-07", "2026-01-14"), BillingPeriods.periodAt(BillingInterval.fromWire("weekly"),
                BillingAnchor.ANNIVERSARY, Instant.parse("2026-01-07T15:00:00Z"),
                Instant.parse("2026-01-13T23:00:00Z")));
    }

    @Test
    void shouldSupportAnyFrequency() {
        final BillingInterval everyThreeMonths = new BillingInterval(IntervalUnit.MONTH, 3);
        assertEquals(BillingInterval.fromWire("quarterly"), everyThreeMonths);
        final BillingInterval everyTwoWeeks = new BillingInterval(IntervalUnit.WEEK, 2);
        assertEquals(period("2026-01-07", "2026-01-21"), BillingPeriods.periodAt(everyTwoWeeks,
                BillingAnchor.ANNIVERSARY, day("2026-01-07"), day("2026-01-20")));
        final BillingInterval everySixMonths = new BillingInterval(IntervalUnit.MONTH, 6);
        assertEquals(period("2026-07-01", "2027-01-01"), BillingPeriods.periodAt(everySixMonths,
                BillingAnchor.CALENDAR, day("2026-01-01"), day("2026-09-09")));
        assertEquals(period("2026-03-30", "2026-09-30"),
                BillingPeriods.nthPeriod(everySixMonths, BillingAnchor.ANNIVERSARY, day("2025-09-30"), 1));
    }

    @Test
    void shouldCountMultiDayPeriodsFromTheStartDateOrFromJanuary1970() {
        final BillingInterval everyThreeDays = new BillingInterval(IntervalUnit.DAY, 3);
        // anniversary: from the start date's midnight, as weekly periods count
        assertEquals(period("2026-01-10", "2026-01-13"), BillingPeriods.periodAt(everyThreeDays,
                BillingAnchor.ANNIVERSARY, Instant.parse("2026-01-07T15:00:00Z"),
                Instant.parse("2026-01-12T23:00:00Z")));
        // calendar: 2026-01-01 is day 20454 since 1970-01-01, 20454 = 3 x 6818, so a period starts on it
        assertEquals(period("2026-01-01", "2026-01-04"), BillingPeriods.periodAt(everyThreeDays,
                BillingAnchor.CALENDAR, day("2025-12-20"), Instant.parse("2026-01-03T12:00:00Z")));
        assertEquals(period("2026-01-08", "2026-01-09"), BillingPeriods.nthPeriod(BillingInterval.fromWire("daily"),
                BillingAnchor.ANNIVERSARY, Instant.parse("2026-01-07T15:00:00Z"), 1));
    }

    @Test
    void shouldTellWhetherAnIntervalSpansWholePeriodsOfAnother() {
        final BillingInterval month = BillingInterval.fromWire("monthly");
        final BillingInterval fourMonths = new BillingInterval(IntervalUnit.MONTH, 4);
        final BillingInterval fiveMonths = new BillingInterval(IntervalUnit.MONTH, 5);
        final BillingInterval threeDays = new BillingInterval(IntervalUnit.DAY, 3);
        final BillingInterval sevenDays = new BillingInterval(IntervalUnit.DAY, 7);
        assertEquals(true, BillingInterval.of("year", 1).spansWholePeriodsOf(month));
        assertEquals(true, BillingInterval.of("month", 3).spansWholePeriodsOf(month));
        assertEquals(true, BillingInterval.of("year", 1).spansWholePeriodsOf(fourMonths));
        assertEquals(false, BillingInterval.of("year", 1).spansWholePeriodsOf(fiveMonths));
        assertEquals(false, BillingInterval.of("month", 2).spansWholePeriodsOf(BillingInterval.fromWire("quarterly")));
        assertEquals(false, BillingInterval.of("week", 4).spansWholePeriodsOf(month));
        assertEquals(false, BillingInterval.of("day", 14).spansWholePeriodsOf(BillingInterval.fromWire("weekly")));
        assertEquals(true, BillingInterval.of("month", 1).spansWholePeriodsOf(BillingInterval.fromWire("daily")));
        assertEquals(true, BillingInterval.of("day", 6).spansWholePeriodsOf(threeDays));
        assertEquals(false, BillingInterval.of("week", 1).spansWholePeriodsOf(sevenDays));
        assertEquals("unit", assertThrows(InvalidPricingException.class,
                () -> BillingInterval.of("hour", 1)).errors().get(0).field());
    }

    @Test
    void shouldRejectUnknownWireNames() {
        assertEquals("interval", assertThrows(InvalidPricingException.class,
                () -> BillingInterval.fromWire("hourly")).errors().get(0).field());
        assertEquals("billing_time", assertThrows(InvalidPricingException.class,
                () -> BillingAnchor.fromWire("monthly")).errors().get(0).field());
        assertEquals(BillingAnchor.ANNIVERSARY, BillingAnchor.fromWire("anniversary"));
        assertThrows(InvalidPricingException.class, () -> new BillingInterval(IntervalUnit.MONTH, 0));
    }
}
