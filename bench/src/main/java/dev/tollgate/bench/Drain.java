package dev.tollgate.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs one application over the whole input and times it by its committed output: the clock starts
 * at the first committed output record (so group join and task start-up are not counted) and stops
 * when the expected count is committed. Counts are offsets, so each commit's transaction markers (one per partition
 * written) count as records: under one in a hundred at these rates, and the drain ends that much early.
 */
final class Drain {

    /**
     * What one run measured.
     *
     * @param cpu CPU time of the whole process (broker included) over the timed span: on a shared
     *            machine it varies less than the wall clock does
     * @param streamThreadCpu CPU time of the application's stream threads alone over the same span
     */
    record Result(String name, long records, Duration elapsed, Duration cpu, Duration streamThreadCpu,
                  long rssKb) {
        double perSecond() {
            return records * 1e9 / Math.max(1, elapsed.toNanos());
        }

        double cpuMicrosPerRecord() {
            return cpu.toNanos() / 1e3 / Math.max(1, records);
        }

        double streamThreadMicrosPerRecord() {
            return streamThreadCpu.toNanos() / 1e3 / Math.max(1, records);
        }
    }

    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private Drain() {
    }

    /** Runs the application on a client of its own, which is closed once the output is complete. */
    static Result run(final String name, final Topology topology, final Properties config, final Admin admin,
                      final String outputTopic, final long expected, final Progress progress)
        throws InterruptedException, ExecutionException {
        try (KafkaStreams streams = new KafkaStreams(topology, config)) {
            final Result result = drain(name, streams, config, admin, outputTopic, expected, progress);
            closeLeavingGroup(streams, config, admin);
            return result;
        }
    }

    /**
     * Closes the client, then takes its members out of the consumer group. Kafka Streams' consumers do not leave
     * the group when they close (a restarted instance keeps its tasks that way), so the next client of the same
     * application would wait until the coordinator dropped them ({@code session.timeout.ms}, 45 s) for its tasks.
     */
    static void closeLeavingGroup(final KafkaStreams streams, final Properties config, final Admin admin)
        throws InterruptedException, ExecutionException {
        streams.close(CLOSE_TIMEOUT);
        final String group = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        if (!admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty()) {
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get();
        }
    }

    /**
     * Starts the client and returns once {@code expected} more records are committed on the output topic; the
     * client keeps running, for a phase that needs it caught up.
     */
    static Result drain(final String name, final KafkaStreams streams, final Properties config, final Admin admin,
                        final String outputTopic, final long expected, final Progress progress)
        throws InterruptedException, ExecutionException {
        final long before = committedEnd(admin, outputTopic);
        final String streamThreads = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-";
        final AtomicLong written = new AtomicLong();
        progress.phase(name, "records", written::get);
        streams.start();
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long firstAt = 0;
        long firstCount = 0;
        long firstCpu = 0;
        long firstThreadCpu = 0;
        while (System.nanoTime() < deadline) {
            written.set(committedEnd(admin, outputTopic) - before);
            if (written.get() > 0 && firstAt == 0) {
                firstAt = System.nanoTime();
                firstCount = written.get();
                firstCpu = processCpuNanos();
                firstThreadCpu = threadCpuNanos(streamThreads);
            }
            if (written.get() >= expected) {
                return new Result(name, written.get() - firstCount, Duration.ofNanos(System.nanoTime() - firstAt),
                    Duration.ofNanos(processCpuNanos() - firstCpu),
                    Duration.ofNanos(threadCpuNanos(streamThreads) - firstThreadCpu), rssKb());
            }
            if (streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException(name + " failed");
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(name + " did not write " + expected + " records in " + TIMEOUT);
    }

    /** The sum of the topic's last stable offsets: what read_committed consumers can see. */
    static long committedEnd(final Admin admin, final String topic) throws InterruptedException, ExecutionException {
        final List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
            .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        final Map<TopicPartition, OffsetSpec> latest = partitions.stream()
            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
            .values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The summed CPU time of the live stream threads whose names start with the prefix. */
    private static long threadCpuNanos(final String namePrefix) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(namePrefix)
                && info.getThreadName().contains("-StreamThread-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** The process's resident set size, from /proc; 0 where there is none. */
    static long rssKb() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
