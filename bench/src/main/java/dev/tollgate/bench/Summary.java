package dev.tollgate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured. {@link #toJson()} is the run's machine-readable line, one flat object; where a run
 * has several rounds, it gives the last one (a warmer JVM).
 */
record Summary(BenchOptions options, long eventBytes, List<Round> rounds, Map<String, StateFootprint.Store> state,
               Map<Integer, Drain.Result> groups, HttpPhase.Result http, Machine machine, Duration wall) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Round last() {
        return rounds.get(rounds.size() - 1);
    }

    StateFootprint.Store chargeAggregates() {
        return state.get(Rater.CHARGE_AGGREGATES_STORE);
    }

    long allStoresDiskBytes() {
        return state.values().stream().mapToLong(StateFootprint.Store::diskBytes).sum();
    }

    double groupsCostRatio() {
        final List<Drain.Result> cases = List.copyOf(groups.values());
        return cases.get(cases.size() - 1).streamThreadMicrosPerRecord() / cases.get(0).streamThreadMicrosPerRecord();
    }

    Map<String, Object> fields() {
        final Round round = last();
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("events", options.events());
        fields.put("customers", options.customers());
        fields.put("event_bytes", eventBytes / options.events());
        fields.put("baseline_eps", Math.round(round.passthrough().perSecond()));
        fields.put("naive_eps", Math.round(round.naive().perSecond()));
        fields.put("rater_eps", Math.round(round.rater().perSecond()));
        fields.put("ratio", decimals(round.ratio(), 3));
        fields.put("naive_ratio", decimals(round.naiveRatio(), 3));
        putCosts(fields, "baseline", round.passthrough());
        putCosts(fields, "naive", round.naive());
        putCosts(fields, "rater", round.rater());
        fields.put("offered_eps", Math.round(round.latency().offeredEps()));
        fields.put("latency_events", round.latency().sent());
        fields.put("latency_rated", round.latency().rated());
        fields.put("p50_ms", decimals(round.latency().latency().p50Ms(), 2));
        fields.put("p99_ms", decimals(round.latency().latency().p99Ms(), 2));
        fields.put("max_ms", decimals(round.latency().latency().maxMs(), 2));
        fields.put("ingest_eps", Math.round(http.ingest().eventsPerSecond()));
        fields.put("ingest_connections", IngestLoad.CONNECTIONS);
        fields.put("ingest_batch", IngestLoad.BATCH);
        fields.put("ingest_requests", http.ingest().requests());
        fields.put("ingest_failures", http.ingest().failures());
        fields.put("query_p50_ms", decimals(http.queries().latency().p50Ms(), 2));
        fields.put("query_p99_ms", decimals(http.queries().latency().p99Ms(), 2));
        fields.put("query_max_ms", decimals(http.queries().latency().maxMs(), 2));
        fields.put("queries", http.queries().latency().count());
        fields.put("query_failures", http.queries().failures());
        fields.put("state_keys", chargeAggregates().keys());
        fields.put("state_bytes_per_key", decimals(chargeAggregates().diskBytesPerKey(), 1));
        fields.put("state_logical_bytes_per_key",
            decimals(chargeAggregates().logicalBytes() / (double) Math.max(1, chargeAggregates().keys()), 1));
        fields.put("state_all_stores_bytes_per_key",
            decimals(allStoresDiskBytes() / (double) Math.max(1, chargeAggregates().keys()), 1));
        groups.forEach((count, result) -> {
            fields.put("groups_" + count + "_eps", Math.round(result.perSecond()));
            fields.put("groups_" + count + "_thread_us_per_event", decimals(result.streamThreadMicrosPerRecord(), 1));
            fields.put("groups_" + count + "_cpu_us_per_event", decimals(result.cpuMicrosPerRecord(), 1));
        });
        fields.put("groups_cost_ratio", decimals(groupsCostRatio(), 2));
        fields.put("cores", machine.cores());
        fields.put("cpu_model", machine.cpuModel());
        fields.put("memory_mb", machine.memoryMb());
        fields.put("java_version", machine.javaVersion());
        fields.put("wall_s", decimals(wall.toMillis() / 1e3, 1));
        return fields;
    }

    private static void putCosts(final Map<String, Object> fields, final String name, final Drain.Result result) {
        fields.put(name + "_cpu_us_per_event", decimals(result.cpuMicrosPerRecord(), 1));
        fields.put(name + "_thread_us_per_event", decimals(result.streamThreadMicrosPerRecord(), 1));
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rounded for reading; NaN stays NaN (written as a string), so that a missing figure cannot pass for 0. */
    private static double decimals(final double value, final int places) {
        if (!Double.isFinite(value)) {
            return value;
        }
        final double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
