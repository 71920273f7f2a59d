package dev.tollgate.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one event shape every phase sends: a {@code call_ended} event of about 240 bytes, as a voice switch writes
 * it. The same shape everywhere keeps the phases' per-event figures comparable.
 */
final class CallEvents {

    static final String EVENT_TYPE = "call_ended";
    static final String METER = "voice_seconds";
    /** The property a grouped charge groups by; ungrouped events spread it over 64 trunks. */
    static final String GROUP_PROPERTY = "trunk";
    /** The longest call an event reports. */
    static final long MAX_SECONDS = 600;

    private CallEvents() {
    }

    /**
     * @param n spreads the seconds (1 to {@link #MAX_SECONDS}) and the caller number, so that events are not all alike
     */
    static String json(final String id, final String customer, final String timestamp, final long n,
                       final String trunk) {
        return String.format(Locale.ROOT, "{\"id\":\"%s\",\"type\":\"%s\",\"customer_id\":\"%s\",\"timestamp\":\"%s\","
                + "\"properties\":{\"seconds\":%d,\"direction\":\"inbound\",\"switch\":\"sw-eu-west-1a\","
                + "\"%s\":\"%s\",\"caller\":\"+62812%07d\"}}",
            id, EVENT_TYPE, customer, timestamp, 1 + n % MAX_SECONDS, GROUP_PROPERTY, trunk, n % 10_000_000);
    }

    static byte[] bytes(final String id, final String customer, final String timestamp, final long n,
                        final String trunk) {
        return json(id, customer, timestamp, n, trunk).getBytes(StandardCharsets.UTF_8);
    }

    static String trunk(final long n) {
        return String.format(Locale.ROOT, "trunk-%04d", n);
    }
}
