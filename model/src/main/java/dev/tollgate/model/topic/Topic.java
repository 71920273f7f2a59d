package dev.tollgate.model.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name together with its key and value serdes, so that every producer, consumer and
 * Kafka Streams operator on it is built from the same pair and they cannot drift apart.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, CleanupPolicy cleanupPolicy) {

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
