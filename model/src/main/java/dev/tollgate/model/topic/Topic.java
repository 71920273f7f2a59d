package dev.tollgate.model.topic;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name together with its key and value serdes, so that every producer, consumer and
 * Kafka Streams operator on it is built from the same pair and they cannot drift apart.
 *
 * @param configs topic configs it is created with, beyond its cleanup policy
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, CleanupPolicy cleanupPolicy,
                          Map<String, String> configs) {

    public Topic {
        configs = Map.copyOf(configs);
    }

    /** Every config the topic is created with. */
    public Map<String, String> creationConfigs() {
        final Map<String, String> all = new HashMap<>(configs);
        all.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.config());
        return all;
    }

    public enum CleanupPolicy {
        DELETE("delete"),
        COMPACT("compact");

        private final String config;

        CleanupPolicy(final String config) {
            this.config = config;
        }

        /** The value of the topic's {@code cleanup.policy} config. */
        public String config() {
            return config;
        }
    }
}
