package dev.tollgate.rater.rerate.api;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.runtime.RaterProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.messaging.exceptions.MessagingException;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Writes re-rate requests to {@code tollgate.rerate-requests}, keyed by customer_id like the usage
 * events, so the default partitioner puts each on its customer's partition; returns once the broker
 * acknowledged the write, or answers 503 within the bound.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class ReratePublisher {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final Duration bound;
    private final RerateRequests requests;

    public ReratePublisher(final RerateRequests requests, final RaterProperties settings) {
        this.requests = requests;
        this.bound = settings.refundWriteTimeout();
    }

    Duration bound() {
        return bound;
    }

    public void publish(final String customerId, final RerateRequest request) {
        final byte[] value = Topics.RERATE_REQUESTS.valueSerde().serializer()
            .serialize(Topics.RERATE_REQUESTS.name(), request);
        try {
            requests.send(customerId, value);
        } catch (MessagingException e) {
            throw ProblemException.unavailable("Kafka did not acknowledge the re-rate request within "
                + bound.toSeconds() + " s; send it again with the same id (it adjusts once)", RETRY_AFTER);
        }
    }
}
