package dev.tollgate.rater.routing;

import dev.tollgate.model.topic.Topic;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One output of a processor that writes to several topics: the name of the sink node it forwards
 * to and the topic's value serializer. A processor forwards bytes to the sink by name, so what goes
 * to which topic is checked by the compiler at {@link #send} (a {@code Sink<RatedUsage>} takes
 * only rated usage) instead of by branch predicates and casts downstream.
 */
public final class Sink<V> {

    private final String name;
    private final Topic<String, V> topic;
    /** Taken once: sends run for every output of every event. */
    private final Serializer<V> values;

    public Sink(final String name, final Topic<String, V> topic) {
        this.name = name;
        this.topic = topic;
        this.values = topic.valueSerde().serializer();
    }

    public String name() {
        return name;
    }

    public Topic<String, V> topic() {
        return topic;
    }

    /** Serializes {@code value} with the topic's serde and forwards it to this sink alone. */
    public void send(final ProcessorContext<String, byte[]> context, final String key, final V value,
                     final long timestamp) {
        send(context, key, value, timestamp, new RecordHeaders());
    }

    /** The same with headers of the caller's; no header of an input record is carried over otherwise. */
    public void send(final ProcessorContext<String, byte[]> context, final String key, final V value,
                     final long timestamp, final Headers headers) {
        context.forward(new Record<>(key, values.serialize(topic.name(), value), timestamp, headers), name);
    }
}
