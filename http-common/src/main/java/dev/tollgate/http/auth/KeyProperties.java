package dev.tollgate.http.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The keys of a deployment: {@code tollgate.admin-key}, {@code tollgate.ingest-key} and the optional
 * {@code tollgate.instance-secret} (when unset, instances derive their forwarding token from the admin key).
 */
@ConfigurationProperties("tollgate")
public record KeyProperties(String adminKey, String ingestKey, @Nullable String instanceSecret) {

    public KeyProperties {
        if (adminKey == null || adminKey.isBlank() || ingestKey == null || ingestKey.isBlank()) {
            throw new IllegalArgumentException("tollgate.admin-key and tollgate.ingest-key must both be set");
        }
    }

    /** The secret the forwarding token is keyed with. */
    String forwardingSecret() {
        return instanceSecret == null || instanceSecret.isBlank() ? adminKey : instanceSecret;
    }
}
