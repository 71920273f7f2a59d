package dev.tollgate.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics that are missing and waits until they can be used, so that clients which need their topics at
 * start (Kafka Streams does) find them. Failures are {@link KafkaException}s; running out of time is a
 * {@link TimeoutException} naming the topics not ready.
 */
public final class TopicProvisioner {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private TopicProvisioner() {
    }

    /**
     * Creates each topic that does not exist yet, with its partitions and configs; existing topics are left as they
     * are, whatever their settings. Returns once every topic is described with a leader for each partition.
     */
    public static void ensureTopics(final Admin admin, final Collection<NewTopic> topics, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Map<String, NewTopic> toCreate = new LinkedHashMap<>();
        topics.forEach(topic -> toCreate.put(topic.name(), topic));
        final Set<String> names = new TreeSet<>(toCreate.keySet());
        while (!toCreate.isEmpty()) {
            toCreate.keySet().removeAll(createOnce(admin, toCreate.values(), deadline));
            pauseUnlessDone(toCreate.isEmpty(), deadline, "created", toCreate.keySet());
        }
        Set<String> leaderless = names;
        while (!leaderless.isEmpty()) {
            leaderless = withoutLeaders(admin, names, deadline);
            pauseUnlessDone(leaderless.isEmpty(), deadline, "ready with partition leaders", leaderless);
        }
    }

    /** Partition counts of those of {@code names} that exist; a missing topic is absent from the map. */
    public static Map<String, Integer> partitionCounts(final Admin admin, final Collection<String> names) {
        return describeEach(admin, names, description -> description.partitions().size());
    }

    /**
     * The smallest replica count of any partition of each of {@code names} that exists: what one topic
     * can lose is set by its least replicated partition.
     */
    public static Map<String, Integer> replicationFactors(final Admin admin, final Collection<String> names) {
        return describeEach(admin, names, description -> description.partitions().stream()
            .mapToInt(partition -> partition.replicas().size()).min().orElse(0));
    }

    private static Map<String, Integer> describeEach(final Admin admin, final Collection<String> names,
                                                     final ToIntFunction<TopicDescription> measure) {
        final Map<String, Integer> counts = new HashMap<>();
        admin.describeTopics(names).topicNameValues().forEach((name, future) -> {
            try {
                counts.put(name, measure.applyAsInt(future.get()));
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("Cannot describe topic " + name, e);
                }
            } catch (final InterruptedException e) {
                throw new InterruptException(e);
            }
        });
        return counts;
    }

    /** The names settled by this attempt: created now or already there. Retriable failures stay pending. */
    private static Set<String> createOnce(final Admin admin, final Collection<NewTopic> topics, final long deadline) {
        final Set<String> settled = new TreeSet<>();
        for (final Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(List.copyOf(topics)).values().entrySet()) {
            try {
                result.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                settled.add(result.getKey());
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    settled.add(result.getKey());
                } else if (!(e.getCause() instanceof RetriableException)) {
                    throw failure("Cannot create topic " + result.getKey(), e);
                }
            } catch (final java.util.concurrent.TimeoutException e) {
                throw new TimeoutException("Topic " + result.getKey() + " was not created in time", e);
            } catch (final InterruptedException e) {
                throw new InterruptException(e);
            }
        }
        return settled;
    }

    private static Set<String> withoutLeaders(final Admin admin, final Set<String> names, final long deadline) {
        final Set<String> leaderless = new TreeSet<>();
        for (final Map.Entry<String, KafkaFuture<TopicDescription>> result
                : admin.describeTopics(names).topicNameValues().entrySet()) {
            try {
                final TopicDescription description = result.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                if (description.partitions().stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                    leaderless.add(result.getKey());
                }
            } catch (final ExecutionException e) {
                // Just after creation, a broker's metadata may not know the topic yet.
                if (!(e.getCause() instanceof RetriableException)) {
                    throw failure("Cannot describe topic " + result.getKey(), e);
                }
                leaderless.add(result.getKey());
            } catch (final java.util.concurrent.TimeoutException e) {
                leaderless.add(result.getKey());
            } catch (final InterruptedException e) {
                throw new InterruptException(e);
            }
        }
        return leaderless;
    }

    private static void pauseUnlessDone(final boolean done, final long deadline, final String state, final Set<String> pending) {
        if (done) {
            return;
        }
        if (remainingMillis(deadline) <= 0) {
            throw new TimeoutException("Topics not " + state + " in time: " + pending);
        }
        try {
            Thread.sleep(Math.min(POLL_INTERVAL.toMillis(), remainingMillis(deadline)));
        } catch (final InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private static long remainingMillis(final long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static KafkaException failure(final String message, final ExecutionException e) {
        return new KafkaException(message + ": " + e.getCause().getMessage(), e.getCause());
    }
}
