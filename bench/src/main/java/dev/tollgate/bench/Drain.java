package dev.tollgate.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs one application over the whole input and times it by its committed output: the clock starts
 * at the first committed output record (so group join and task start-up are not counted) and stops
 * when the expected count is committed.
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

    private Drain() {
    }

    static Result run(final String name, final Topology topology, final Properties config, final Admin admin,
                      final String outputTopic, final long expected) throws InterruptedException, ExecutionException {
        final long before = committedEnd(admin, outputTopic);
        final String streamThreads = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-";
        try (KafkaStreams streams = new KafkaStreams(topology, config)) {
            streams.start();
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long firstAt = 0;
            long firstCount = 0;
            long firstCpu = 0;
            long firstThreadCpu = 0;
            while (System.nanoTime() < deadline) {
                final long written = committedEnd(admin, outputTopic) - before;
                if (written > 0 && firstAt == 0) {
                    firstAt = System.nanoTime();
                    firstCount = written;
                    firstCpu = processCpuNanos();
                    firstThreadCpu = threadCpuNanos(streamThreads);
                }
                if (written >= expected) {
                    return new Result(name, written - firstCount, Duration.ofNanos(System.nanoTime() - firstAt),
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
            for (final String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
