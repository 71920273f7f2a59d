package dev.tollgate.http.auth;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What one Tollgate instance shows another when it passes on a request it already authenticated:
 * a token every instance of the deployment derives alike, and the kind of key the caller presented.
 * The caller's own key stays with the instance it was sent to.
 *
 * <p>The token is HMAC-SHA256 over a fixed label, keyed with {@code tollgate.instance-secret} or,
 * when that is unset, with the admin key, so that instances sharing the admin key agree without
 * another setting. Neither key itself goes over the wire, and the token is no API key.
 */
@Singleton
public class InstanceSecret {

    public static final String TOKEN_HEADER = "X-Tollgate-Instance-Secret";
    public static final String KIND_HEADER = "X-Tollgate-Key-Kind";
    static final String LABEL = "tollgate/instance-forwarding/v1";

    private final byte[] token;

    public InstanceSecret(final KeyProperties keys) {
        this.token = derive(keys.forwardingSecret());
    }

    /** The headers that carry a request on to another instance as authenticated with {@code kind}. */
    public Map<String, String> headers(final KeyKind kind) {
        return Map.of(TOKEN_HEADER, HexFormat.of().formatHex(token), KIND_HEADER, kind.name().toLowerCase(Locale.ROOT));
    }

    /** The kind the sending instance authenticated, if the token is this deployment's; else empty. */
    Optional<KeyKind> kindOf(final String tokenHeader, final String kindHeader) {
        final byte[] presented = tokenHeader.trim().getBytes(StandardCharsets.US_ASCII);
        // Constant-time, as for the API keys: the token grants what the admin key grants.
        if (!MessageDigest.isEqual(presented, HexFormat.of().formatHex(token).getBytes(StandardCharsets.US_ASCII))
            || kindHeader == null) {
            return Optional.empty();
        }
        for (final KeyKind kind : KeyKind.values()) {
            if (kind.name().equalsIgnoreCase(kindHeader.trim())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static byte[] derive(final String key) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
