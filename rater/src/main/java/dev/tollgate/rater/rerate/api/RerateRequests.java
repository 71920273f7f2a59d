package dev.tollgate.rater.rerate.api;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;

/**
 * The re-rate requests' producer, built like the refund requests' one: one record per call, returning
 * once the broker acknowledged it or failing within {@code tollgate.rater.refund-write-timeout}, with
 * Tollgate's bounds over the {@code kafka.*} tree ({@code KafkaClientBounds}).
 */
@KafkaClient(id = RerateRequests.CLIENT_ID, acks = KafkaClient.Acknowledge.ALL,
    maxBlock = "${tollgate.rater.refund-write-timeout:PT5S}")
@Requires(property = "tollgate.components.rater", value = "true")
public interface RerateRequests {

    String CLIENT_ID = "tollgate-rerates";

    /** @param request the request as {@code Topics.RERATE_REQUESTS} serialises it */
    @Topic("tollgate.rerate-requests")
    void send(@KafkaKey String customerId, byte[] request);
}
