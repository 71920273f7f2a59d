package dev.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The plain Kafka Streams applications the rater is measured against. */
final class Baselines {

    static final String PASSTHROUGH_OUT = "bench.passthrough-out";
    static final String AGGREGATE_OUT = "bench.aggregate-out";

    private Baselines() {
    }

    /** Read each record and write it unchanged: the ceiling of an exactly-once application here. */
    static Topology passthrough() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.USAGE_EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName("passthrough-source"))
            .to(PASSTHROUGH_OUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("passthrough-sink"));
        return builder.build();
    }

    /**
     * The naive per-event aggregate: parse the JSON, one RocksDB write (no cache, changelogged) of the
     * customer's running sum, one output record.
     */
    static Topology naiveAggregate() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("naive-sums"),
            Serdes.String(), Serdes.Long()).withCachingDisabled());
        builder.stream(Topics.USAGE_EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName("aggregate-source"))
            .process(SumProcessor::new, Named.as("sum-seconds"), "naive-sums")
            .to(AGGREGATE_OUT, Produced.with(Serdes.String(), Serdes.Long()).withName("aggregate-sink"));
        return builder.build();
    }

    private static final class SumProcessor implements Processor<String, byte[], String, Long> {

        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> sums;

        @Override
        public void init(final ProcessorContext<String, Long> context) {
            this.context = context;
            this.sums = context.getStateStore("naive-sums");
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final JsonNode event;
            try {
                event = Json.mapper().readTree(record.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            final String customer = event.get("customer_id").asText();
            final Long prior = sums.get(customer);
            final long sum = (prior == null ? 0 : prior) + event.get("properties").get("seconds").asLong();
            sums.put(customer, sum);
            context.forward(record.withKey(customer).withValue(sum));
        }
    }
}
