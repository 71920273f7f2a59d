package dev.tollgate.model.topic;

import java.util.Map;
import java.util.TreeSet;

/**
 * The operator's Kafka client properties (security, mostly: how to reach and authenticate to the
 * cluster) that every Kafka client of the process starts from; {@link ClientConfigs} puts Tollgate's
 * own settings on top.
 *
 * <p>The process hands this to its application context as a bean rather than as configuration
 * properties: Micronaut reads {@code ${...}} in a property value as a placeholder, and a password may
 * contain just that. {@link #toString()} shows the names only, since values include passwords.
 */
public record KafkaClientProperties(Map<String, String> properties) {

    /** For a cluster that takes clients as they come: tests and the benchmark's own broker. */
    public static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());

    public KafkaClientProperties {
        properties = Map.copyOf(properties);
    }

    @Override
    public String toString() {
        return "KafkaClientProperties" + new TreeSet<>(properties.keySet());
    }
}
