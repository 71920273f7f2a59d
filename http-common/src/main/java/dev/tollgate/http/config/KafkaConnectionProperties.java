package dev.tollgate.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code tollgate.kafka.*}: the cluster every Tollgate client talks to.
 *
 * @param bootstrapServers the cluster's bootstrap list; required, the launcher sets it
 * @param replication the replication factor of the topics Tollgate's components create; -1 takes the
 *                    broker's {@code default.replication.factor}, as Kafka's own clients do
 */
@ConfigurationProperties("tollgate.kafka")
public record KafkaConnectionProperties(String bootstrapServers,
                                        @Bindable(defaultValue = "-1") int replication) {

    public KafkaConnectionProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("tollgate.kafka.bootstrap-servers must name the cluster");
        }
        if (replication == 0 || replication < -1) {
            throw new IllegalArgumentException("tollgate.kafka.replication must be -1 (the broker's default) or "
                + "a positive factor, not " + replication);
        }
    }
}
