package dev.tollgate.rater.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The range a re-rate fetches holds every accepted event of its subscription and no other's, in byte order. */
class AcceptedEventKeysTest {

    @Test
    void shouldRangeOverOneSubscriptionsEventsAlone() {
        final String from = StateKeys.acceptedEventsFrom("sub_1");
        final String to = StateKeys.acceptedEventsTo("sub_1");
        for (final String event : List.of("", "e", "~", "\u00ff", "\uD83D\uDE00", "z".repeat(300))) {
            assertTrue(within(StateKeys.acceptedEvent("sub_1", event), from, to), event);
        }
        for (final String other : List.of("sub_10", "sub_1 ", "sub_1!", "sub_", "sub_0", "sub_2", "sub_1\u00e9")) {
            assertFalse(within(StateKeys.acceptedEvent(other, "e"), from, to), other);
        }
    }

    private static boolean within(final String key, final String from, final String to) {
        final Bytes bytes = bytes(key);
        return bytes.compareTo(bytes(from)) >= 0 && bytes.compareTo(bytes(to)) <= 0;
    }

    private static Bytes bytes(final String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }
}
