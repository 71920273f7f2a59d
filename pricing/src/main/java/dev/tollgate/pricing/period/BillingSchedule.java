package dev.tollgate.pricing.period;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription's billing calendar: its interval and anchor, when it started, its trial, an optional limit on the
 * number of billing cycles and an optional termination.
 *
 * <p>Trial days are whole 24-hour days from the start; the recurring price is not owed during the trial, usage is
 * (as in Lago, where a trial only defers the subscription fee). With {@code billingCycles} set, the subscription
 * stops billing at the end of that many periods, the first period counting as one even when it is partial
 * (calendar anchoring).
 *
 * @param interval      the plan's interval
 * @param anchor        calendar or anniversary
 * @param startedAt     when the subscription started
 * @param trialDays     days of trial from the start, 0 for none
 * @param billingCycles how many periods it is billed for, null for no limit
 * @param endedAt       when it was terminated, null while it runs
 */
public record BillingSchedule(BillingInterval interval, BillingAnchor anchor, Instant startedAt, int trialDays,
        Integer billingCycles, Instant endedAt) {

    public BillingSchedule {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(startedAt, "startedAt");
        if (trialDays < 0) {
            throw new IllegalArgumentException("trial days cannot be negative");
        }
        if (billingCycles != null && billingCycles < 1) {
            throw new IllegalArgumentException("a subscription is billed for at least one cycle");
        }
        if (endedAt != null && !endedAt.isAfter(startedAt)) {
            throw new IllegalArgumentException("a subscription ends after it starts");
        }
    }

    public static BillingSchedule of(BillingInterval interval, BillingAnchor anchor, Instant startedAt) {
        return new BillingSchedule(interval, anchor, startedAt, 0, null, null);
    }

    public Instant trialEndsAt() {
        return startedAt.plus(Duration.ofDays(trialDays));
    }

    /** When billing stops: the termination or the end of the last billing cycle, whichever comes first. */
    public Optional<Instant> billingEndsAt() {
        Instant end = endedAt;
        if (billingCycles != null) {
            final Instant cyclesEnd = BillingPeriods.nthPeriod(interval, anchor, startedAt, billingCycles - 1L).end();
            end = end == null || cyclesEnd.isBefore(end) ? cyclesEnd : end;
        }
        return Optional.ofNullable(end);
    }

    public boolean isBillableAt(Instant at) {
        return !at.isBefore(startedAt) && billingEndsAt().map(at::isBefore).orElse(true);
    }

    /** The full period of the grid that contains {@code at}, as a calendar or anniversary period. */
    public BillingPeriod gridPeriodAt(Instant at) {
        return BillingPeriods.periodAt(interval, anchor, startedAt, at);
    }

    /**
     * The period a statement covers for an instant at which the subscription is billable: the grid period cut to the
     * subscription's start and to the end of its billing; empty when it is not billable then.
     */
    public Optional<BillingPeriod> statementPeriodAt(Instant at) {
        if (!isBillableAt(at)) {
            return Optional.empty();
        }
        final BillingPeriod grid = gridPeriodAt(at);
        final Instant start = grid.start().isBefore(startedAt) ? startedAt : grid.start();
        final Instant end = billingEndsAt().filter(e -> e.isBefore(grid.end())).orElse(grid.end());
        return Optional.of(new BillingPeriod(start, end));
    }

    /**
     * The share of the recurring price owed for a grid period: the days of the period on which the subscription is
     * billable and out of trial, over the days of the period.
     */
    public Proration prorationFor(BillingPeriod gridPeriod) {
        final long periodDays = days(gridPeriod.start(), gridPeriod.end());
        Instant from = latest(gridPeriod.start(), startedAt, trialEndsAt());
        Instant to = gridPeriod.end();
        final Optional<Instant> billingEnd = billingEndsAt();
        if (billingEnd.isPresent() && billingEnd.get().isBefore(to)) {
            to = billingEnd.get();
        }
        if (!to.isAfter(from)) {
            return new Proration(0, periodDays);
        }
        return new Proration(touchedDays(from, to), periodDays);
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant latest = a.isAfter(b) ? a : b;
        return latest.isAfter(c) ? latest : c;
    }

    private static long days(Instant start, Instant end) {
        return ChronoUnit.DAYS.between(BillingPeriods.date(start), BillingPeriods.date(end));
    }

    /** UTC dates that [from, to) touches: a partial day is a whole day. */
    private static long touchedDays(Instant from, Instant to) {
        final LocalDate first = BillingPeriods.date(from);
        final LocalDate last = BillingPeriods.date(to.minusNanos(1));
        return ChronoUnit.DAYS.between(first, last) + 1;
    }
}
