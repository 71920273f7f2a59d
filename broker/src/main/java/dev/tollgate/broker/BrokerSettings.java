package dev.tollgate.broker;

import java.nio.file.Path;
import java.util.Properties;

/** The server.properties of a single-node KRaft broker that is also its own controller. */
final class BrokerSettings {

    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerSettings() {
    }

    static Properties combinedMode(final Path logDir, final int clientPort, final int controllerPort) {
        final String host = LoopbackPorts.HOST;
        final Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        // A static quorum keeps no endpoints in the metadata log, so the controller port may change between starts.
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("listeners",
                CLIENT_LISTENER + "://" + host + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.setProperty("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + clientPort);
        props.setProperty("inter.broker.listener.name", CLIENT_LISTENER);
        props.setProperty("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("log.dirs", logDir.toAbsolutePath().toString());

        // Internal topics default to three replicas, which one node can never satisfy.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");

        // Nobody else will join a group on a laptop broker, so waiting for them only delays the first assignment.
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are provisioned explicitly with their cleanup policies; a typo must not create a stray topic.
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "4");
        return props;
    }
}
