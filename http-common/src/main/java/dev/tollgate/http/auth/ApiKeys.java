package dev.tollgate.http.auth;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The configured keys ({@code tollgate.admin-key}, {@code tollgate.ingest-key}) and which kind a bearer holds. */
@Singleton
public class ApiKeys {

    private final byte[] adminKey;
    private final byte[] ingestKey;

    public ApiKeys(final KeyProperties keys) {
        this.adminKey = keys.adminKey().getBytes(StandardCharsets.UTF_8);
        this.ingestKey = keys.ingestKey().getBytes(StandardCharsets.UTF_8);
    }

    public Optional<KeyKind> kindOf(final String presented) {
        final byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the keys are the only secret an attacker can probe by timing.
        if (MessageDigest.isEqual(bytes, adminKey)) {
            return Optional.of(KeyKind.ADMIN);
        }
        if (MessageDigest.isEqual(bytes, ingestKey)) {
            return Optional.of(KeyKind.INGEST);
        }
        return Optional.empty();
    }
}
