package dev.tollgate.local.launch;

import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The start-up log line: what runs, where it listens and how long the start took. Unlike the banner it
 * names no key, so it is safe in any log, and in JSON logs it is the only account of the start.
 */
public record StartSummary(LaunchSettings settings, String bootstrapServers, boolean embeddedBroker,
                           Duration took) {

    public String line() {
        final String components = settings.components().stream().map(Component::wireName)
            .collect(Collectors.joining(","));
        final String kafka = embeddedBroker
            ? "embedded broker on " + bootstrapServers + " (port " + settings.kafkaPort() + ", loopback only)"
            : "external cluster at " + bootstrapServers;
        final String topics = Topics.ALL.stream().map(Topic::name).collect(Collectors.joining(","));
        return String.format("Tollgate started in %.1f s: components %s; HTTP on %s:%d; Kafka %s, %s; data dir %s; "
                + "topics %s (created with %d partitions where missing); API keys in %s unless set in the environment",
            took.toMillis() / 1e3, components, settings.httpHost(), settings.httpPort(), kafka,
            settings.kafkaClient().describe(), settings.dataDir(), topics, settings.partitions(),
            ApiKeyFile.location(settings));
    }
}
