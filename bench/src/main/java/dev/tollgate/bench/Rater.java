package dev.tollgate.bench;

import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.runtime.RaterStreams;
import dev.tollgate.rater.topology.RatingTopology;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/**
 * The rater under test, built exactly as a deployed rater builds it. The only class of the benchmark that names
 * the rater's own classes, so that a move of theirs is fixed here alone.
 */
final class Rater {

    /** The store of the (subscription, charge, group, period) aggregates: the rater's per-key state. */
    static final String CHARGE_AGGREGATES_STORE = "charge-aggregates";

    private final int partitions;
    private final Properties config;

    /**
     * @param applicationId a new id starts from the beginning of the input; a used one resumes where it stopped,
     *                      with the state it left in {@code dataDir}
     */
    Rater(final String bootstrapServers, final Path dataDir, final String applicationId, final int partitions) {
        this.partitions = partitions;
        this.config = RaterStreams.streamsConfig(Map.of(), bootstrapServers, dataDir, applicationId, 1, "localhost:0");
    }

    Properties config() {
        return config;
    }

    Topology topology() {
        return RatingTopology.build(RaterSettings.defaults(partitions), new RatingCounts(), config);
    }
}
