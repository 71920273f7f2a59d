package dev.tollgate.planapi.store;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan API's view of the catalog. The compacted topics {@code tollgate.meters},
 * {@code tollgate.plans} and {@code tollgate.subscriptions} are the record: a write returns only once
 * Kafka acknowledged it, and a background reader tails the topics so that writes from other
 * instances appear here too. Each entry remembers the offset it came from, so a late echo of an
 * older write never replaces a newer one.
 */
@Context
@Requires(property = "tollgate.components.plan-api", value = "true")
public class CatalogStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogStore.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final List<Topic<String, ?>> TAILED = List.of(Topics.METERS, Topics.PLANS, Topics.SUBSCRIPTIONS);

    private final Duration writeTimeout;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Versioned<Meter>> meters = new ConcurrentHashMap<>();
    private final Map<String, Versioned<Plan>> plans = new ConcurrentHashMap<>();
    private final Map<String, Versioned<CustomerSubscriptions>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, String> customerOfSubscription = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread tailer;
    private volatile boolean closing;

    public CatalogStore(@Value("${tollgate.kafka.bootstrap-servers}") final String bootstrapServers,
                        @Value("${tollgate.plan-api.write-timeout:PT5S}") final Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
        this.producer = new KafkaProducer<>(ClientConfigs.reliableProducer(bootstrapServers, "tollgate-plan-api",
            writeTimeout));
        this.consumer = new KafkaConsumer<>(ClientConfigs.tailingConsumer(bootstrapServers,
            "tollgate-plan-api-catalog"));
        this.tailer = new Thread(this::tail, "catalog-tailer");
        tailer.setDaemon(true);
        tailer.start();
    }

    private record Versioned<V>(V value, long offset) {
    }

    private void tail() {
        try {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final Topic<String, ?> topic : TAILED) {
                consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(),
                    p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (!closing) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                LOG.error("catalog reader woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("catalog reader stopped; the plan API no longer sees other instances' writes", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(final ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        try {
            if (record.topic().equals(Topics.METERS.name())) {
                put(meters, record.key(), decode(Topics.METERS, record), record.offset());
            } else if (record.topic().equals(Topics.PLANS.name())) {
                put(plans, record.key(), decode(Topics.PLANS, record), record.offset());
            } else {
                putSubscriptions(record.key(), decode(Topics.SUBSCRIPTIONS, record), record.offset());
            }
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable catalog record {}-{}@{}", record.topic(), record.partition(),
                record.offset(), e);
        }
    }

    private static <V> V decode(final Topic<String, V> topic, final ConsumerRecord<String, byte[]> record) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    }

    private static <V> void put(final Map<String, Versioned<V>> map, final String key, final V value,
                                final long offset) {
        map.compute(key, (k, current) -> current != null && current.offset() >= offset ? current
            : new Versioned<>(value, offset));
    }

    private void putSubscriptions(final String customerId, final CustomerSubscriptions value, final long offset) {
        put(subscriptions, customerId, value, offset);
        if (value != null) {
            value.subscriptions().forEach(s -> customerOfSubscription.put(s.id(), customerId));
        }
    }

    /** Blocks until the view holds everything the topics held at start, or answers 503. */
    private void awaitCaughtUp() {
        try {
            if (!caughtUp.await(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ProblemException.unavailable("the catalog is still loading from Kafka", RETRY_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while loading the catalog", RETRY_AFTER);
        }
    }

    public Optional<Meter> meter(final String code) {
        awaitCaughtUp();
        return value(meters.get(code));
    }

    public Collection<Meter> meters() {
        awaitCaughtUp();
        return meters.values().stream().map(Versioned::value).filter(v -> v != null).toList();
    }

    public Optional<Plan> plan(final String code) {
        awaitCaughtUp();
        return value(plans.get(code));
    }

    public Collection<Plan> plans() {
        awaitCaughtUp();
        return plans.values().stream().map(Versioned::value).filter(v -> v != null).toList();
    }

    public Optional<CustomerSubscriptions> customer(final String customerId) {
        awaitCaughtUp();
        return value(subscriptions.get(customerId));
    }

    public Optional<Subscription> subscription(final String id) {
        awaitCaughtUp();
        final String customerId = customerOfSubscription.get(id);
        return customerId == null ? Optional.empty()
            : value(subscriptions.get(customerId)).flatMap(customer -> customer.byId(id));
    }

    private static <V> Optional<V> value(final Versioned<V> versioned) {
        return versioned == null ? Optional.empty() : Optional.ofNullable(versioned.value());
    }

    public void writeMeter(final Meter meter) {
        put(meters, meter.code(), meter, send(Topics.METERS, meter.code(), meter));
    }

    public void writePlan(final Plan plan) {
        put(plans, plan.code(), plan, send(Topics.PLANS, plan.code(), plan));
    }

    public void writeSubscriptions(final CustomerSubscriptions customer) {
        putSubscriptions(customer.customerId(), customer,
            send(Topics.SUBSCRIPTIONS, customer.customerId(), customer));
    }

    /** Writes and waits for the acknowledgement; the answer is the record's offset. */
    private <V> long send(final Topic<String, V> topic, final String key, final V value) {
        final byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            final RecordMetadata written = producer.send(new ProducerRecord<>(topic.name(), key, bytes))
                .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return written.offset();
        } catch (TimeoutException | ExecutionException e) {
            throw ProblemException.unavailable("Kafka did not acknowledge the write to " + topic.name()
                + " in time: " + rootMessage(e), RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while writing to " + topic.name(), RETRY_AFTER);
        }
    }

    private static String rootMessage(final Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @PreDestroy
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            tailer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
