package dev.tollgate.model.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldCreateEveryContractTopicWithItsCleanupPolicy() {
        final Map<String, Map<String, String>> configs = new java.util.HashMap<>();
        for (final NewTopic topic : Topics.newTopics(4, Optional.of((short) 1))) {
            assertEquals(4, topic.numPartitions());
            configs.put(topic.name(), topic.configs());
        }
        assertEquals(List.of("tollgate.accepted-events", "tollgate.addons", "tollgate.coupons",
                "tollgate.credit-grants", "tollgate.meters", "tollgate.period-statements", "tollgate.plans",
                "tollgate.rated-usage", "tollgate.rater-clock", "tollgate.refund-requests", "tollgate.rerate-requests",
                "tollgate.subscriptions", "tollgate.usage-alerts",
                "tollgate.usage-events", "tollgate.usage-rejections"),
            configs.keySet().stream().sorted().toList());
        assertEquals("delete", configs.get("tollgate.usage-events").get("cleanup.policy"));
        assertEquals("compact", configs.get("tollgate.plans").get("cleanup.policy"));
        assertEquals("compact", configs.get("tollgate.credit-grants").get("cleanup.policy"));
        // one day x 86,400,000 ms
        assertEquals("86400000", configs.get("tollgate.rater-clock").get("retention.ms"));
        // 400 days x 86,400,000 ms: as long as a statement that may be re-rated is kept
        assertEquals("34560000000", configs.get("tollgate.accepted-events").get("retention.ms"));
        assertEquals("delete", configs.get("tollgate.accepted-events").get("cleanup.policy"));
    }

    @Test
    void shouldKeepStatementsUncompactedForFourHundredDays() {
        final Map<String, String> statements = Topics.PERIOD_STATEMENTS.creationConfigs();
        assertEquals("compact", statements.get("cleanup.policy"));
        // 400 days x 86,400,000 ms
        assertEquals("34560000000", statements.get("min.compaction.lag.ms"));
    }
}
