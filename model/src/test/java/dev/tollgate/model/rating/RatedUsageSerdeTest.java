package dev.tollgate.model.rating;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The streaming writer of rated usage gives exactly the bytes data binding gives, and reads back. */
class RatedUsageSerdeTest {

    private final RatedUsageSerde serde = new RatedUsageSerde();

    @Provide
    Arbitrary<RatedUsage> records() {
        final Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12).injectNull(0.1);
        final Arbitrary<BigDecimal> decimals = Arbitraries.bigIntegers().between(BigInteger.valueOf(-10).pow(20),
            BigInteger.TEN.pow(20)).flatMap(unscaled -> Arbitraries.integers().between(-3, 30)
            .map(scale -> new BigDecimal(unscaled, scale))).injectNull(0.1);
        final Arbitrary<Instant> instants = Arbitraries.longs().between(0, 7_258_118_400L)
            .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                .map(nanos -> Instant.ofEpochSecond(seconds, nanos))).injectNull(0.1);
        final Arbitrary<List<String>> groups = text.list().ofMaxSize(3).injectNull(0.5);
        final Arbitrary<Period> periods = Combinators.combine(instants, instants).as(Period::new).injectNull(0.1);
        return Combinators.combine(text, text, text, text, Arbitraries.integers(), text, groups, text)
            .flatAs((eventId, customer, subscription, plan, version, charge, group, meter) -> Combinators.combine(
                periods, instants, decimals, decimals, decimals, text).as((period, at, units, total, amount, currency)
                    -> new RatedUsage(eventId, customer, subscription, plan, version, charge, group, meter, period,
                        at, units, total, amount, currency)));
    }

    @Property(tries = 1000)
    void writesWhatDataBindingWrites(@ForAll("records") final RatedUsage usage) {
        final byte[] written = serde.serializer().serialize("t", usage);
        assertArrayEquals(Json.write(usage), written, () -> new String(written, StandardCharsets.UTF_8));
        assertEquals(Json.read(Json.write(usage), RatedUsage.class), serde.deserializer().deserialize("t", written));
    }
}
