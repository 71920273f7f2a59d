package dev.tollgate.bench;

import java.util.Arrays;

/**
 * Percentiles of measured latencies, by nearest rank over every sample: the samples of one phase fit in memory,
 * so no histogram's bucketing stands between a measurement and its figure.
 */
record LatencySummary(int count, double p50Ms, double p99Ms, double maxMs) {

    static LatencySummary ofNanos(final long[] samples) {
        if (samples.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        final long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
            millis(sorted[sorted.length - 1]));
    }

    private static long rank(final long[] sorted, final double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static double millis(final long nanos) {
        return nanos / 1e6;
    }
}
