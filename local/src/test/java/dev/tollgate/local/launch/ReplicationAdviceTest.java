package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationAdviceTest {

    private static final Map<String, Integer> TOPICS = Map.of(
        "tollgate.usage-events", 1, "tollgate.rated-usage", 2, "tollgate.plans", 3);

    @Test
    void shouldWarnOfEachTopicWithFewerThanThreeReplicasOnAClusterOfThree() {
        final List<String> warnings = ReplicationAdvice.warnings(3, TOPICS);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("topic tollgate.rated-usage has 2 replicas on a cluster of 3 brokers: "
            + "losing a broker stops writes to it"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("topic tollgate.usage-events has 1 replica on a cluster of 3 brokers: "
            + "losing its broker loses its partitions"), warnings.get(1));
    }

    @Test
    void shouldStayQuietOnClustersThatCannotHoldThreeReplicas() {
        assertEquals(List.of(), ReplicationAdvice.warnings(1, TOPICS));
        assertEquals(List.of(), ReplicationAdvice.warnings(2, TOPICS));
    }

    @Test
    void shouldStayQuietWhenEveryTopicHasThreeReplicasOrMore() {
        assertEquals(List.of(), ReplicationAdvice.warnings(5, Map.of("tollgate.plans", 3, "tollgate.meters", 5)));
    }
}
