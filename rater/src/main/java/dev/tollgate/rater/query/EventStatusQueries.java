package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.rater.runtime.RaterProperties;
import dev.tollgate.rater.state.EventStatus;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Answers {@code GET /v1/customers/{id}/events/{event_id}} on the instance that owns the customer,
 * from the {@code event-status} window store ((customer, event id) → EventStatus, put at the
 * record's timestamp and kept for the dedup window).
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class EventStatusQueries {

    /** Producers' clocks run a little ahead; an event stamped in the near future is still found. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private final RaterStores stores;
    private final Clock clock;
    private final Duration dedupWindow;

    public EventStatusQueries(final RaterStores stores, final Clock clock,
                              final RaterProperties rater) {
        this.stores = stores;
        this.clock = clock;
        this.dedupWindow = rater.dedupWindow();
    }

    public EventStatusView status(final String customerId, final String eventId, final int partition) {
        final ReadOnlyWindowStore<String, EventStatus> statuses =
            stores.store(StateStores.EVENT_STATUS.name(), StateStores.EVENT_STATUS.queryType(), partition);
        final Instant now = clock.instant();
        final Instant from = now.minus(dedupWindow).isBefore(Instant.EPOCH) ? Instant.EPOCH : now.minus(dedupWindow);
        // Newest first: should one id be stored at more than one time, the latest outcome is the one that holds.
        try (WindowStoreIterator<EventStatus> found = statuses.backwardFetch(StateKeys.event(customerId, eventId),
            from, now.plus(CLOCK_SKEW))) {
            if (!found.hasNext()) {
                throw ProblemException.notFound("event " + eventId + " of customer " + customerId
                    + " is unknown: not received, or older than the dedup window");
            }
            return EventStatusView.of(found.next().value);
        }
    }
}
