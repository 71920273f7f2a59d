package dev.tollgate.testkit.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Apache Kafka brokers in processes of their own on 127.0.0.1, started with Kafka's own entry point
 * ({@code kafka.Kafka server.properties}) from this JVM's class path: each node is broker and
 * controller of one KRaft quorum. A node can be killed with SIGKILL and started again on the same
 * ports and data, as an operator's broker would be.
 *
 * <p>With three or more nodes the cluster holds what production clusters are told to: replication
 * factor 3 and {@code min.insync.replicas} 2 for every topic and for the offsets and transaction
 * state, so that one broker lost loses no acknowledged write and stops no writer.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final List<NodeSpec> nodes;
    private final List<Process> processes;

    /** One node's ports and directory, fixed for its life so that a restart rejoins the quorum. */
    private record NodeSpec(int id, int clientPort, int controllerPort, Path dir) {

        Path config() {
            return dir.resolve("server.properties");
        }

        Path log() {
            return dir.resolve("broker.log");
        }
    }

    private KafkaCluster(final Path home, final List<NodeSpec> nodes) {
        this.home = home;
        this.nodes = nodes;
        this.processes = new ArrayList<>(Collections.nCopies(nodes.size(), null));
    }

    /** Formats and starts {@code size} nodes under {@code home}, returning once every broker has registered. */
    public static KafkaCluster start(final Path home, final int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster has at least one node, not " + size);
        }
        final List<NodeSpec> specs = new ArrayList<>();
        final List<Integer> ports = freePorts(2 * size);
        for (int i = 0; i < size; i++) {
            specs.add(new NodeSpec(i + 1, ports.get(2 * i), ports.get(2 * i + 1), home.resolve("node-" + (i + 1))));
        }
        final KafkaCluster cluster = new KafkaCluster(home, specs);
        final String clusterId = Uuid.randomUuid().toString();
        for (final NodeSpec node : specs) {
            cluster.writeConfig(node);
            format(node, clusterId);
        }
        try {
            specs.forEach(node -> cluster.launch(node.id()));
            cluster.awaitBrokers(size);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int size() {
        return nodes.size();
    }

    /** Every node's client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(node -> HOST + ":" + node.clientPort()).collect(Collectors.joining(","));
    }

    /** Kills node {@code id} with SIGKILL: no controlled shutdown, no flush, no leadership hand-over. */
    public void kill(final int id) {
        final Process process = processes.get(id - 1);
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("broker " + id + " is not running");
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("broker " + id + " outlived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts node {@code id} again on its ports and data, and waits until it has registered. */
    public void restart(final int id) {
        final Process process = processes.get(id - 1);
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker " + id + " is still running");
        }
        launch(id);
        awaitBrokers(nodes.size());
    }

    /** The node that leads the most partitions of {@code topic} now (the lowest id on a tie). */
    public int leaderOfMostPartitions(final String topic) {
        try (Admin admin = admin()) {
            final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic);
            final Map<Integer, Long> led = description.partitions().stream()
                .map(TopicPartitionInfo::leader).filter(leader -> leader != null && !leader.isEmpty())
                .collect(Collectors.groupingBy(Node::id, Collectors.counting()));
            return led.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                    .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException(topic + " has no partition with a leader"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e, e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** What node {@code id} has printed, for a failing test's message. */
    public String log(final int id) {
        try {
            return Files.readString(nodes.get(id - 1).log());
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        processes.stream().filter(p -> p != null && p.isAlive()).forEach(Process::destroy);
        for (final Process process : processes) {
            if (process == null) {
                continue;
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeConfig(final NodeSpec node) {
        final String voters = nodes.stream().map(n -> n.id() + "@" + HOST + ":" + n.controllerPort())
            .collect(Collectors.joining(","));
        final int replication = Math.min(3, nodes.size());
        final int minIsr = replication == 1 ? 1 : 2;
        final Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(node.id()));
        props.setProperty("controller.quorum.voters", voters);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + node.clientPort() + ",CONTROLLER://" + HOST + ":"
            + node.controllerPort());
        props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + node.clientPort());
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", node.dir().resolve("logs").toAbsolutePath().toString());
        props.setProperty("default.replication.factor", Integer.toString(replication));
        props.setProperty("min.insync.replicas", Integer.toString(minIsr));
        props.setProperty("offsets.topic.replication.factor", Integer.toString(replication));
        props.setProperty("transaction.state.log.replication.factor", Integer.toString(replication));
        props.setProperty("transaction.state.log.min.isr", Integer.toString(minIsr));
        props.setProperty("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        props.setProperty("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "4");
        try {
            Files.createDirectories(node.dir().resolve("logs"));
            try (OutputStream out = Files.newOutputStream(node.config())) {
                props.store(out, "Node " + node.id() + " of a " + nodes.size() + "-node test cluster");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + node.config(), e);
        }
    }

    private static void format(final NodeSpec node, final String clusterId) {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", node.config().toString()}, print);
        }
        if (exit != 0) {
            throw new IllegalStateException("cannot format broker " + node.id() + ": "
                + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void launch(final int id) {
        final NodeSpec node = nodes.get(id - 1);
        final String java = ProcessHandle.current().info().command().orElse("java");
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), "kafka.Kafka", node.config().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()));
        try {
            processes.set(id - 1, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start broker " + id, e);
        }
    }

    private void awaitBrokers(final int expected) {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                checkAlive();
                try {
                    final Collection<Node> registered = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (registered.size() == expected) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    // Brokers answer once the quorum has a leader and they have caught up with it.
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the cluster in " + home + " did not register " + expected + " brokers in "
            + READY_TIMEOUT.toSeconds() + " s");
    }

    private void checkAlive() {
        for (int i = 0; i < processes.size(); i++) {
            final Process process = processes.get(i);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("broker " + (i + 1) + " exited (" + process.exitValue() + "):\n"
                    + tail(log(i + 1)));
            }
        }
    }

    private static String tail(final String text) {
        return text.length() <= 4_000 ? text : text.substring(text.length() - 4_000);
    }

    private static List<Integer> freePorts(final int count) {
        final List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                final ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                held.add(socket);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports on " + HOST, e);
        } finally {
            held.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // The port is free either way.
                }
            });
        }
    }
}
