package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.rater.runtime.RaterStreams;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Read access to the rater's stores for queries. While the streams are not RUNNING (starting,
 * rebalancing, restoring) a store may be missing or partial: the answer is then a 503 with
 * Retry-After, never a number that may be wrong.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class RaterStores {

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final RaterStreams rater;

    public RaterStores(final RaterStreams rater) {
        this.rater = rater;
    }

    public <T> T store(final String name, final QueryableStoreType<T> type) {
        final KafkaStreams streams = rater.streams();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw notReady("the rater is " + streams.state().name().toLowerCase());
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw notReady("store " + name + " is not queryable yet");
        }
    }

    static ProblemException notReady(final String why) {
        return ProblemException.unavailable(why + "; try again shortly", RETRY_AFTER);
    }
}
