package dev.tollgate.local.launch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to tell an operator about the replication of Tollgate's topics on the cluster they run on. A
 * topic with fewer than three replicas on a cluster that has three brokers is one broker loss away
 * from refused writes (or lost ones, with fewer than two): the cluster could hold it safely, so it
 * is almost always a topic created before the cluster grew, or by hand.
 */
final class ReplicationAdvice {

    static final int SAFE_REPLICATION = 3;

    private ReplicationAdvice() {
    }

    /** One warning per under-replicated topic, in topic order; none on a cluster of fewer than three brokers. */
    static List<String> warnings(final int brokers, final Map<String, Integer> replicationByTopic) {
        if (brokers < SAFE_REPLICATION) {
            return List.of();
        }
        return new TreeMap<>(replicationByTopic).entrySet().stream()
            .filter(topic -> topic.getValue() < SAFE_REPLICATION)
            .map(topic -> "topic " + topic.getKey() + " has " + topic.getValue() + " replica"
                + (topic.getValue() == 1 ? "" : "s") + " on a cluster of " + brokers + " brokers: losing "
                + (topic.getValue() == 1 ? "its broker loses its partitions" : "a broker stops writes to it when "
                + "min.insync.replicas is 2") + "; raise it to " + SAFE_REPLICATION
                + " with kafka-reassign-partitions (TOLLGATE_REPLICATION only applies to topics not created yet)")
            .toList();
    }
}
