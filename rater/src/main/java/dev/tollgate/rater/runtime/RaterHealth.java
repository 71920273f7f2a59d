package dev.tollgate.rater.runtime;

import dev.tollgate.http.health.HealthCheck;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The rater is healthy only while its streams are RUNNING (rebalancing or dead both mean DOWN) and
 * it makes progress: records waiting on its input while it processes none for
 * {@code tollgate.rater.stall-after} mean DOWN too.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class RaterHealth implements HealthCheck {

    private final RaterStreams rater;

    public RaterHealth(final RaterStreams rater) {
        this.rater = rater;
    }

    @Override
    public String name() {
        return "rater";
    }

    @Override
    public String problem() {
        final KafkaStreams.State state = rater.streams().state();
        return state == KafkaStreams.State.RUNNING ? rater.stalled() : "rater streams are " + state;
    }
}
