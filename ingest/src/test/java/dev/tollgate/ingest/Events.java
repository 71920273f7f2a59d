package dev.tollgate.ingest;

import java.util.List;
import java.util.stream.Collectors;

/** Request bodies for tests, written out as JSON text so that each case shows what a producer sends. */
final class Events {

    private Events() {
    }

    static String event(final String id, final String customerId) {
        return "{\"id\":\"" + id + "\",\"type\":\"call_ended\",\"customer_id\":\"" + customerId
            + "\",\"timestamp\":\"2026-01-31T12:00:00Z\",\"properties\":{\"seconds\":125,\"direction\":\"inbound\"}}";
    }

    static String cloudEvent(final String id, final String customerId) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/switches/7\",\"type\":\"call_ended\","
            + "\"subject\":\"" + customerId + "\",\"time\":\"2026-01-31T12:00:00Z\","
            + "\"datacontenttype\":\"application/json\",\"data\":{\"seconds\":125,\"direction\":\"inbound\"}}";
    }

    static String batch(final List<String> events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    static String cloudBatch(final List<String> events) {
        return events.stream().collect(Collectors.joining(",", "[", "]"));
    }
}
