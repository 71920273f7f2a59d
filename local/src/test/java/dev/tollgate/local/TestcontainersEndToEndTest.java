package dev.tollgate.local;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline against Apache Kafka's own image through Testcontainers, as the separate
 * services of docker-compose.yml would see it. Skipped, with a message, where no Docker engine runs.
 */
class TestcontainersEndToEndTest extends PipelineScenarios {

    private KafkaContainer kafka;

    @BeforeAll
    @Override
    void startTollgate() throws java.io.IOException {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
            "no Docker engine on this machine: the Testcontainers variant of the end-to-end test is skipped "
                + "(EmbeddedBrokerEndToEndTest covers the same scenarios on the embedded broker)");
        kafka = new KafkaContainer("apache/kafka:4.1.1");
        kafka.start();
        super.startTollgate();
    }

    @Override
    Map<String, String> environment() {
        return Map.of("TOLLGATE_KAFKA_BOOTSTRAP", kafka.getBootstrapServers(),
            "TOLLGATE_COMPONENTS", "plan-api,ingest,rater");
    }

    @AfterAll
    @Override
    void stopTollgate() {
        super.stopTollgate();
        if (kafka != null) {
            kafka.stop();
        }
    }
}
