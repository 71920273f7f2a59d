package dev.tollgate.rater.refund.api;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;

/**
 * The refund requests' producer, as micronaut-kafka builds it: one record per call, returning once the
 * broker acknowledged it or failing within {@code tollgate.rater.refund-write-timeout}. Its settings are
 * the {@code kafka.*} tree with Tollgate's bounds on top ({@link KafkaClientBounds}); acks=all is fixed
 * here too, since micronaut-kafka puts the annotation's acks over any configuration.
 */
@KafkaClient(id = RefundRequests.CLIENT_ID, acks = KafkaClient.Acknowledge.ALL,
    maxBlock = "${tollgate.rater.refund-write-timeout:PT5S}")
@Requires(property = "tollgate.components.rater", value = "true")
public interface RefundRequests {

    String CLIENT_ID = "tollgate-refunds";

    /** @param request the request as {@code Topics.REFUND_REQUESTS} serialises it */
    @Topic("tollgate.refund-requests")
    void send(@KafkaKey String customerId, byte[] request);
}
