package dev.tollgate.rater.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.SharedKafka;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The usage topic is created with its own retention, two weeks, not whatever the broker defaults to. */
class UsageEventsRetentionTest {

    @Test
    void shouldCreateTheUsageTopicWithTwoWeeksOfRetention() throws Exception {
        final ConfigResource usage = new ConfigResource(ConfigResource.Type.TOPIC, Topics.USAGE_EVENTS.name());
        try (Admin admin = SharedKafka.admin()) {
            final Config config = admin.describeConfigs(List.of(usage)).all().get().get(usage);
            final ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
            assertEquals(Long.toString(14L * 24 * 60 * 60 * 1000), retention.value());
            assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, retention.source(), "set on the topic itself");
        }
    }
}
