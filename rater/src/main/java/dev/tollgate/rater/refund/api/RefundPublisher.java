package dev.tollgate.rater.refund.api;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.runtime.RaterProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.messaging.exceptions.MessagingException;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Writes refund requests to {@code tollgate.refund-requests}, keyed by customer_id like the usage
 * events, so the default partitioner puts each on its customer's partition; returns once the broker
 * acknowledged the write, or answers 503 within the bound.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class RefundPublisher {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final Duration bound;
    private final RefundRequests requests;

    public RefundPublisher(final RefundRequests requests,
                           final RaterProperties settings) {
        this.requests = requests;
        this.bound = settings.refundWriteTimeout();
    }

    Duration bound() {
        return bound;
    }

    public void publish(final String customerId, final RefundRequest request) {
        final byte[] value = Topics.REFUND_REQUESTS.valueSerde().serializer()
            .serialize(Topics.REFUND_REQUESTS.name(), request);
        try {
            requests.send(customerId, value);
        } catch (MessagingException e) {
            throw ProblemException.unavailable("Kafka did not acknowledge the refund request within "
                + bound.toSeconds() + " s; send it again with the same id (it refunds once)", RETRY_AFTER);
        }
    }
}
