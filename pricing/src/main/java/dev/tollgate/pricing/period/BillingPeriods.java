package dev.tollgate.pricing.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The billing period grid of a subscription, in UTC. Calendar periods start at a midnight (daily), on a Monday
 * (weekly), the first of a month, a quarter or a year; anniversary periods start on the subscription's start date.
 * Multi-day and multi-month calendar periods count from January 1 1970, multi-week ones from the Monday after.
 * Boundaries are midnight UTC. Month arithmetic is always counted from the anchor date, not from the previous period,
 * so a subscription started on January 31 renews on February 28 (29 in leap years), then March 31.
 */
public final class BillingPeriods {

    /** A Monday: weekly calendar periods run Monday to Monday, multi-week ones counted from this date. */
    private static final LocalDate WEEK_ORIGIN = LocalDate.of(1970, 1, 5);
    private static final LocalDate MONTH_ORIGIN = LocalDate.of(1970, 1, 1);

    private BillingPeriods() {
    }

    /** The period of the grid that contains {@code at}. */
    public static BillingPeriod periodAt(BillingInterval interval, BillingAnchor anchor, Instant subscriptionStart,
            Instant at) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(at, "at");
        final LocalDate origin = origin(interval, anchor, subscriptionStart);
        return period(interval, origin, indexAt(interval, origin, date(at)));
    }

    /** The {@code index}-th period of the grid counted from the one that contains the subscription start (index 0). */
    public static BillingPeriod nthPeriod(BillingInterval interval, BillingAnchor anchor, Instant subscriptionStart,
            long index) {
        final LocalDate origin = origin(interval, anchor, subscriptionStart);
        return period(interval, origin, indexAt(interval, origin, date(subscriptionStart)) + index);
    }

    private static BillingPeriod period(BillingInterval interval, LocalDate origin, long index) {
        return new BillingPeriod(instant(startOf(interval, origin, index)),
                instant(startOf(interval, origin, index + 1)));
    }

    /**
     * Month lengths make a plain division only an estimate (January 31 to February 28 is "0 months"), so the index is
     * corrected against the actual boundaries.
     */
    private static long indexAt(BillingInterval interval, LocalDate origin, LocalDate day) {
        long index = estimateIndex(interval, origin, day);
        while (startOf(interval, origin, index).isAfter(day)) {
            index--;
        }
        while (!startOf(interval, origin, index + 1).isAfter(day)) {
            index++;
        }
        return index;
    }

    private static LocalDate origin(BillingInterval interval, BillingAnchor anchor, Instant subscriptionStart) {
        return switch (anchor) {
            case ANNIVERSARY -> date(Objects.requireNonNull(subscriptionStart, "subscriptionStart"));
            case CALENDAR -> switch (interval.unit()) {
                case WEEK -> WEEK_ORIGIN;
                case DAY, MONTH, YEAR -> MONTH_ORIGIN;
                default -> throw new IllegalStateException("unhandled interval unit " + interval.unit());
            };
            default -> throw new IllegalStateException("unhandled billing anchor " + anchor);
        };
    }

    static LocalDate startOf(BillingInterval interval, LocalDate origin, long index) {
        final long steps = index * interval.frequency();
        return switch (interval.unit()) {
            case DAY -> origin.plusDays(steps);
            case WEEK -> origin.plusWeeks(steps);
            case MONTH -> origin.plusMonths(steps);
            case YEAR -> origin.plusYears(steps);
            default -> throw new IllegalStateException("unhandled interval unit " + interval.unit());
        };
    }

    private static long estimateIndex(BillingInterval interval, LocalDate origin, LocalDate day) {
        final long units = switch (interval.unit()) {
            case DAY -> ChronoUnit.DAYS.between(origin, day);
            case WEEK -> ChronoUnit.WEEKS.between(origin, day);
            case MONTH -> ChronoUnit.MONTHS.between(origin, day);
            case YEAR -> ChronoUnit.YEARS.between(origin, day);
            default -> throw new IllegalStateException("unhandled interval unit " + interval.unit());
        };
        return Math.floorDiv(units, interval.frequency());
    }

    static LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static Instant instant(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
