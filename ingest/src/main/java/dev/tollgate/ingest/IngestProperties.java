package dev.tollgate.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code tollgate.ingest.*}.
 *
 * @param writeTimeout how long a batch waits for Kafka's acknowledgements before it is answered 503
 * @param maxConcurrentWrites requests writing at once; one more is answered 503 at once
 */
@ConfigurationProperties("tollgate.ingest")
public record IngestProperties(@Bindable(defaultValue = "PT5S") Duration writeTimeout,
                               @Bindable(defaultValue = "64") int maxConcurrentWrites) {

    public IngestProperties {
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("tollgate.ingest.write-timeout must be positive, not " + writeTimeout);
        }
        if (maxConcurrentWrites < 1) {
            throw new IllegalArgumentException("tollgate.ingest.max-concurrent-writes must be at least 1, not "
                + maxConcurrentWrites);
        }
    }
}
