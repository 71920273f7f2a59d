package dev.tollgate.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Provide
    Arbitrary<Instant> instants() {
        // 1970 to 2200, with and without fractions of every length
        return Arbitraries.longs().between(0, 7_258_118_400L).flatMap(seconds -> Arbitraries.of(0, 1, 3, 6, 9)
            .flatMap(digits -> Arbitraries.integers().between(0, (int) Math.pow(10, digits) - 1)
                .map(fraction -> Instant.ofEpochSecond(seconds, fraction * (long) Math.pow(10, 9 - digits)))));
    }

    /** Whatever the JDK writes for an instant, both read it back the same. */
    @Property(tries = 5000)
    void readsWhatTheJdkReads(@ForAll("instants") final Instant instant) {
        final String text = instant.toString();
        assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
    }

    @Provide
    Arbitrary<Instant> anyInstants() {
        return Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
            .flatMap(seconds -> Arbitraries.of(0, 1, 3, 6, 9).flatMap(digits -> Arbitraries.integers()
                .between(0, (int) Math.pow(10, digits) - 1)
                .map(fraction -> Instant.ofEpochSecond(seconds, fraction * (long) Math.pow(10, 9 - digits)))));
    }

    /** Both write any instant as the JDK does, in 0000 to 9999 and out of it. */
    @Property(tries = 3000)
    void writesWhatTheJdkWrites(@ForAll("instants") final Instant common, @ForAll("anyInstants") final Instant any) {
        assertEquals(common.toString(), IsoInstants.format(common));
        assertEquals(any.toString(), IsoInstants.format(any));
    }

    @Provide
    Arbitrary<String> mangled() {
        return Arbitraries.strings().withChars("0123456789-T:.Z+ ").ofMinLength(18).ofMaxLength(32)
            .injectDuplicates(0.1);
    }

    /** On any text, both accept and answer the same, or both refuse it. */
    @Property(tries = 5000)
    void acceptsAndRefusesWhatTheJdkDoes(@ForAll("mangled") final String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException e) {
            assertThrows(DateTimeParseException.class, () -> IsoInstants.parse(text), text);
            return;
        }
        assertEquals(expected, IsoInstants.parse(text), text);
    }

    @Test
    void shouldTreatTheEdgesAsTheJdkDoes() {
        for (final String text : List.of("2026-02-28T23:59:59Z", "2024-02-29T00:00:00.5Z", "2026-12-31T23:59:59.999999999Z",
            "2026-01-31T12:00:00+07:00", "2026-06-30T23:59:60Z", "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00.Z")) {
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
        }
        for (final String text : List.of("2026-02-29T00:00:00Z",
            "2026-01-01T00:00:00.1234567890Z", "2026-01-01 00:00:00Z", "２０２６-01-01T00:00:00Z")) {
            assertThrows(DateTimeParseException.class, () -> IsoInstants.parse(text), text);
        }
    }
}
