package dev.tollgate.planapi.store;

import dev.tollgate.model.topic.Topic;

/** One record to write to a catalog topic: the full new value of {@code key}. */
public record CatalogWrite<V>(Topic<String, V> topic, String key, V value) {

    public static <V> CatalogWrite<V> of(final Topic<String, V> topic, final String key, final V value) {
        return new CatalogWrite<>(topic, key, value);
    }
}
