package dev.tollgate.http.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void shouldKeepAnIdOfUpTo128VisibleAsciiCharacters() {
        assertEquals("req-42", RequestId.acceptOrGenerate("req-42"));
        final String longest = "a".repeat(128);
        assertEquals(longest, RequestId.acceptOrGenerate(longest));
        final String symbols = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01~!@#$%^&*()[]{}<>?/|\\\"'`";
        assertEquals(symbols, RequestId.acceptOrGenerate(symbols));
    }

    @Test
    void shouldReplaceAMissingOrUnsafeIdWithAFreshUuid() {
        for (final String unsafe : new String[] {null, "", "a".repeat(129), "two words", "tab\there", "line\nbreak",
            "caf\u00e9", "nul\u0000", "del\u007f"}) {
            final String id = RequestId.acceptOrGenerate(unsafe);
            assertNotEquals(unsafe, id);
            assertEquals(id, UUID.fromString(id).toString(), "a UUID for " + unsafe);
        }
        assertFalse(RequestId.isAcceptable(" leading-space"));
        assertTrue(RequestId.isAcceptable("~"));
    }

    @Test
    void shouldGenerateADifferentIdEachTime() {
        assertNotEquals(RequestId.acceptOrGenerate(null), RequestId.acceptOrGenerate(null));
    }
}
