package dev.tollgate.planapi.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code tollgate.plan-api.*}.
 *
 * @param writeTimeout how long a catalog write waits for Kafka before it is answered 503
 * @param transactionalId the one transactional id every plan-api instance shares, so that a newer writer
 *                        fences an older one
 */
@ConfigurationProperties("tollgate.plan-api")
public record PlanApiProperties(@Bindable(defaultValue = "PT5S") Duration writeTimeout,
                                @Bindable(defaultValue = "tollgate-plan-api") String transactionalId) {

    public PlanApiProperties {
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("tollgate.plan-api.write-timeout must be positive, not " + writeTimeout);
        }
        if (transactionalId.isBlank()) {
            throw new IllegalArgumentException("tollgate.plan-api.transactional-id must not be blank");
        }
    }
}
