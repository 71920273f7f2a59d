package dev.tollgate.pricing.period;

/** The calendar unit a billing interval counts in; quarterly is three months. */
public enum IntervalUnit { DAY, WEEK, MONTH, YEAR }
