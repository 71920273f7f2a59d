package dev.tollgate.pricing.rating;

/**
 * The distinct values a unique_count charge already counted in its period, kept by the caller (one
 * store entry per value) so that no single state value grows with the number of distinct values.
 */
@FunctionalInterface
public interface DistinctValues {

    boolean contains(String value);
}
