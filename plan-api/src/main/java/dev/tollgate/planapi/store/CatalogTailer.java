package dev.tollgate.planapi.store;

import dev.tollgate.http.metrics.KafkaMeters;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.Topic;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the catalog topics ({@code tollgate.meters}, {@code .plans}, {@code .subscriptions},
 * {@code .coupons}, {@code .addons}; String keys, JSON values) from the beginning into a
 * {@link CatalogView}, committed records only, and keeps following them. A record that cannot be read
 * or applied is skipped and counted in {@link SkippedRecords}; the view keeps its key's previous value.
 *
 * <p>{@link #awaitLatest()} is the read barrier behind read-your-writes across instances: it asks the
 * broker for the partitions' end offsets and waits until this reader has passed them. The end offsets
 * are the high watermarks, not the last stable offsets, because a writer's commit returns before its
 * commit markers are on the partitions: waiting for the high watermark waits for those markers too.
 */
final class CatalogTailer implements AutoCloseable {

    static final String CLIENT_ID = "tollgate-plan-api-catalog";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogTailer.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final CatalogView view;
    private final SkippedRecords skipped;
    private final Duration bound;
    private final Admin admin;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaMeters.Binding meters;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final Thread thread;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private volatile Map<TopicPartition, OffsetSpec> latestRequest;

    CatalogTailer(final Map<String, ?> kafkaClient, final String bootstrapServers, final CatalogView view,
                  final SkippedRecords skipped, final Duration bound, final KafkaMeters kafkaMeters) {
        this.view = view;
        this.skipped = skipped;
        this.bound = bound;
        final Map<String, Object> adminConfig = ClientConfigs.admin(kafkaClient, bootstrapServers,
            "tollgate-plan-api-catalog-admin");
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) bound.toMillis());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) bound.toMillis());
        this.admin = Admin.create(adminConfig);
        final Map<String, Object> config = ClientConfigs.tailingConsumer(kafkaClient, bootstrapServers, CLIENT_ID);
        // A read barrier waits for this reader; an idle fetch must not hold it up for long.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(config);
        this.meters = kafkaMeters.bind(new KafkaClientMetrics(consumer));
        this.thread = new Thread(this::run, "catalog-tailer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final Topic<String, ?> topic : CatalogView.TOPICS) {
                consumer.partitionsFor(topic.name())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closing) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    applySafely(record);
                }
                for (final TopicPartition partition : partitions) {
                    positions.put(partition, consumer.position(partition));
                }
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail(new IllegalStateException("catalog reader woken up unexpectedly", e));
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            meters.close();
            consumer.close();
        }
    }

    private void fail(final RuntimeException error) {
        LOG.error("catalog reader stopped; the plan API answers 503 until restarted", error);
        failure = error;
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void applySafely(final ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        try {
            view.apply(record);
        } catch (SkippedRecords.InvalidRecordException e) {
            skipped.skip(record.topic(), record.partition(), record.offset(), SkippedRecords.Reason.INVALID, e);
        } catch (SerializationException e) {
            skipped.skip(record.topic(), record.partition(), record.offset(), SkippedRecords.Reason.UNREADABLE, e);
        } catch (RuntimeException e) {
            skipped.skip(record.topic(), record.partition(), record.offset(), SkippedRecords.Reason.FAILED, e);
        }
    }

    /** Blocks until the view holds every record the catalog topics held when called, or answers 503. */
    void awaitLatest() {
        final Map<TopicPartition, Long> ends = endOffsets();
        final Instant deadline = Instant.now().plus(bound);
        synchronized (progress) {
            while (!reached(ends)) {
                if (failure != null) {
                    throw ProblemException.unavailable("the catalog reader stopped: " + failure.getMessage(),
                        RETRY_AFTER);
                }
                final long wait = Duration.between(Instant.now(), deadline).toMillis();
                if (wait <= 0) {
                    throw ProblemException.unavailable("the catalog is still catching up with Kafka", RETRY_AFTER);
                }
                try {
                    progress.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ProblemException.unavailable("interrupted while reading the catalog", RETRY_AFTER);
                }
            }
        }
    }

    private boolean reached(final Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
            .allMatch(end -> positions.getOrDefault(end.getKey(), -1L) >= end.getValue());
    }

    private Map<TopicPartition, Long> endOffsets() {
        try {
            final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                admin.listOffsets(latestOfEveryPartition()).all().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw ProblemException.unavailable("Kafka did not answer for the catalog's end offsets: "
                + e.getMessage(), RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while reading the catalog", RETRY_AFTER);
        }
    }

    private Map<TopicPartition, OffsetSpec> latestOfEveryPartition()
        throws ExecutionException, TimeoutException, InterruptedException {
        if (latestRequest == null) {
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            final List<String> names = CatalogView.TOPICS.stream().map(Topic::name).toList();
            admin.describeTopics(names).allTopicNames().get(bound.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((name, description) -> description.partitions()
                    .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            latestRequest = Map.copyOf(request);
        }
        return latestRequest;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
