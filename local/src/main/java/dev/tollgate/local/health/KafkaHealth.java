package dev.tollgate.local.health;

import dev.tollgate.broker.TopicProvisioner;
import dev.tollgate.http.config.KafkaConnectionProperties;
import dev.tollgate.http.health.HealthCheck;
import dev.tollgate.model.topic.ClientConfigs;
import dev.tollgate.model.topic.KafkaClientProperties;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Healthy when the broker answers within a couple of seconds and every Tollgate topic exists. */
@Singleton
public class KafkaHealth implements HealthCheck, AutoCloseable {

    private static final int TIMEOUT_MS = 2000;
    private static final List<String> TOPICS = Topics.ALL.stream().map(Topic::name).toList();

    private final Admin admin;

    public KafkaHealth(final KafkaConnectionProperties kafka, final KafkaClientProperties kafkaClient) {
        final Map<String, Object> config = ClientConfigs.admin(kafkaClient.properties(), kafka.bootstrapServers(),
            "tollgate-health");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.admin = Admin.create(config);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String problem() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            final Map<String, Integer> present = TopicProvisioner.partitionCounts(admin, TOPICS);
            final List<String> missing = TOPICS.stream().filter(name -> !present.containsKey(name)).toList();
            return missing.isEmpty() ? null : "topics missing: " + missing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the broker";
        } catch (Exception e) {
            return "broker unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        admin.close();
    }
}
