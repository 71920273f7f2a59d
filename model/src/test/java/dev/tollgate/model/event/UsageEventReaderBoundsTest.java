package dev.tollgate.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bounds the reader puts on numbers, errors and size, the same for ingest and the rater. */
class UsageEventReaderBoundsTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    private static UsageEventReader.Result read(final String properties) throws JsonProcessingException {
        return UsageEventReader.read(Json.tree(("{\"id\":\"e1\",\"type\":\"t\",\"customer_id\":\"c\",\"properties\":"
            + properties + "}").getBytes(StandardCharsets.UTF_8)), NOW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e-10000", "1e1000000", "1E+30", "1E+2147483647",
        "0.0000000000000000000000000000001",
        "1000000000000000000000000000000"})
    void shouldRefuseJsonNumbersPastTheDecimalBounds(final String number) throws JsonProcessingException {
        assertEquals(List.of(new FieldError("properties.n", Decimals.BOUNDS_MESSAGE)),
            read("{\"n\":" + number + "}").errors());
    }

    /** The parser drops the trailing zeros of a JSON decimal, so 1.000… (40 zeros) is read, and judged, as 1. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"999999999999999999999999999999.999999999999999999999999999999", "1E+29", "-0.5", "7",
        "1.0000000000000000000000000000000000000000"})
    void shouldTakeNumbersWithinTheBounds(final String number) throws JsonProcessingException {
        final UsageEventReader.Result result = read("{\"n\":" + number + "}");
        assertTrue(result.valid(), result.errors().toString());
        assertEquals(0, new BigDecimal(number).compareTo(Decimals.parse(result.event().properties().get("n"))));
    }

    @Test
    void shouldReportAtMostABoundedNumberOfErrors() throws JsonProcessingException {
        final String unknown = IntStream.range(0, 20_000).mapToObj(i -> "\"f" + i + "\":1")
            .collect(Collectors.joining(","));
        final UsageEventReader.Result result = UsageEventReader.read(Json.tree(("{\"id\":\"e1\",\"type\":\"t\","
            + "\"customer_id\":\"c\"," + unknown + "}").getBytes(StandardCharsets.UTF_8)), NOW);
        assertEquals(UsageEventReader.MAX_ERRORS, result.errors().size());
        assertEquals("f0", result.errors().get(0).field());
        assertEquals(new FieldError("", "has " + (20_000 - UsageEventReader.MAX_ERRORS + 1)
            + " more errors, not listed"), result.errors().get(UsageEventReader.MAX_ERRORS - 1));
    }

    @Test
    void shouldCountEmptyStringsTowardTheSizeOfTheProperties() throws JsonProcessingException {
        // 60 keys x 64 arrays x 64 empty strings: 245,760 values that counted nothing before
        final String arrays = IntStream.range(0, 64).mapToObj(i -> IntStream.range(0, 64).mapToObj(j -> "\"\"")
            .collect(Collectors.joining(",", "[", "]"))).collect(Collectors.joining(",", "[", "]"));
        final String properties = IntStream.range(0, 60).mapToObj(i -> "\"k" + i + "\":" + arrays)
            .collect(Collectors.joining(",", "{", "}"));
        assertEquals(List.of(new FieldError("properties", "must hold at most "
            + UsageEventReader.MAX_PROPERTIES_CHARS + " characters of keys and values in all")),
            read(properties).errors());
    }
}
