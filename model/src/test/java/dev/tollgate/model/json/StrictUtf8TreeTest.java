package dev.tollgate.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Json.tree reads UTF-8 JSON and refuses everything else with a reason, never with another exception. */
class StrictUtf8TreeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // Jackson took this for UCS-4 of an unsupported byte order and failed with an I/O error
        "00000100, NUL byte",
        "0000007b, NUL byte",
        "7b000000, NUL byte",
        "0000feff, NUL byte",
        "feff007b007d, UTF-16 byte order mark",
        "fffe7b007d00, UTF-16 byte order mark",
        "007b007d, NUL byte",
        "7b007d00, NUL byte",
        // a lone continuation byte, a truncated sequence, an overlong '/', a surrogate, past U+10FFFF
        "22802200, not valid UTF-8",
        "2280, not valid UTF-8",
        "22c3, not valid UTF-8",
        "22c3282022, not valid UTF-8",
        "22c0af22, not valid UTF-8",
        "7b2261223a22eda08022, not valid UTF-8",
        "22f490808022, not valid UTF-8",
        "22ff22, not valid UTF-8"})
    void shouldRefuseWhatIsNotUtf8WithAReason(final String hex, final String reason) {
        final JsonProcessingException refused = assertThrows(JsonProcessingException.class,
            () -> Json.tree(HexFormat.of().parseHex(hex)));
        assertTrue(refused.getOriginalMessage().contains(reason), refused.getOriginalMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"n\":1e2147483648}", "{\"n\":-1e-2147483649}", "[1e99999999999]"})
    void shouldRefuseANumberWhoseExponentOverflowsAsUnreadable(final String json) {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(JsonProcessingException.class, () -> Json.tree(bytes)).getOriginalMessage()
            .contains("BigDecimal"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
    void shouldRefuseAnEventInAnotherUnicodeEncoding(final String encoding) {
        final byte[] event = "{\"id\":\"e1\",\"type\":\"t\",\"customer_id\":\"c\"}".getBytes(Charset.forName(encoding));
        assertThrows(JsonProcessingException.class, () -> Json.tree(event));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\":\"é€𝄞\"}", "\uFEFF{\"a\":1}", "{}", "[]", "7"})
    void shouldReadUtf8IncludingItsByteOrderMark(final String text) throws JsonProcessingException {
        assertEquals(Json.mapper().readTree(text.replace("\uFEFF", "")), Json.tree(text.getBytes(StandardCharsets.UTF_8)));
    }
}
