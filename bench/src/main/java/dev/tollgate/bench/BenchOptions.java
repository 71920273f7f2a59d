package dev.tollgate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * What one benchmark run does: the workload from the command line ({@code [events] [customers] [rounds]}), the
 * phase lengths from {@code tollgate.bench.*} system properties, so that the CI smoke run takes the same code path
 * with short phases.
 *
 * @param groupEvents events written for each pricing-groups case (10 and 10,000 groups on one subscription)
 * @param chartDir where the PNG charts go; none are drawn when empty
 */
record BenchOptions(int events, int customers, int rounds, Duration latencyPhase, Duration ingestWarmUp,
                    Duration ingestPhase, int groupEvents, Duration progressEvery, Optional<Path> chartDir) {

    static final int DEFAULT_EVENTS = 500_000;
    static final int DEFAULT_CUSTOMERS = 10_000;

    BenchOptions {
        if (events < 1 || customers < 1 || rounds < 1 || groupEvents < 1) {
            throw new IllegalArgumentException("events, customers, rounds and group events must be positive");
        }
    }

    static BenchOptions parse(final String[] args, final Properties properties) {
        return new BenchOptions(
            args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : DEFAULT_EVENTS,
            args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : DEFAULT_CUSTOMERS,
            args.length > 2 ? Integer.parseInt(args[2]) : 1,
            seconds(properties, "tollgate.bench.latency-seconds", 25),
            seconds(properties, "tollgate.bench.ingest-warmup-seconds", 5),
            seconds(properties, "tollgate.bench.ingest-seconds", 25),
            Integer.parseInt(properties.getProperty("tollgate.bench.group-events", "100000")),
            seconds(properties, "tollgate.bench.progress-seconds", 5),
            Optional.ofNullable(properties.getProperty("tollgate.bench.chart")).map(Path::of));
    }

    private static Duration seconds(final Properties properties, final String name, final int fallback) {
        return Duration.ofMillis(Math.round(1000 * Double.parseDouble(
            properties.getProperty(name, Integer.toString(fallback)))));
    }
}
