package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.rater.runtime.RaterStreams;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
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

    /** A global store (plans, meters): every instance holds all of it. */
    public <T> T store(final String name, final QueryableStoreType<T> type) {
        return query(StoreQueryParameters.fromNameAndType(name, type));
    }

    /**
     * One partition of a customer-partitioned store. Pinning the partition turns a task that moved
     * away after routing into a 503 instead of a miss that would read as "unknown" or zero.
     */
    public <T> T store(final String name, final QueryableStoreType<T> type, final int partition) {
        return query(StoreQueryParameters.fromNameAndType(name, type).withPartition(partition));
    }

    private <T> T query(final StoreQueryParameters<T> parameters) {
        final KafkaStreams streams = rater.streams();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw notReady("the rater is " + streams.state().name().toLowerCase(Locale.ROOT));
        }
        try {
            return streams.store(parameters);
        } catch (InvalidStateStoreException e) {
            throw notReady("store " + parameters.storeName() + " is not queryable on this instance now");
        }
    }

    public static ProblemException notReady(final String why) {
        return ProblemException.unavailable(why + "; try again shortly", RETRY_AFTER);
    }
}
