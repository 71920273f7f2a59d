package dev.tollgate.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The event reader's own walk gives the properties exactly as Jackson's data binding would. */
class PlainPropertiesTest {

    @Provide
    Arbitrary<String> objects() {
        return value(3).list().ofMaxSize(6).map(values -> {
            final StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < values.size(); i++) {
                json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(values.get(i));
            }
            return json.append('}').toString();
        });
    }

    private Arbitrary<String> value(final int depth) {
        final Arbitrary<String> scalar = Arbitraries.oneOf(
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(20), java.math.BigInteger.TEN.pow(30))
                .map(String::valueOf),
            Arbitraries.bigDecimals().ofScale(4).map(d -> d.toPlainString()),
            Arbitraries.of("1e3", "-2.5E-2", "0.0", "true", "false", "null"),
            Arbitraries.strings().alpha().numeric().ofMaxLength(8).map(s -> "\"" + s + "\""));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.oneOf(scalar,
            value(depth - 1).list().ofMaxSize(3).map(list -> "[" + String.join(",", list) + "]"),
            value(depth - 1).list().ofMaxSize(3).map(list -> {
                final StringBuilder json = new StringBuilder("{");
                for (int i = 0; i < list.size(); i++) {
                    json.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":").append(list.get(i));
                }
                return json.append('}').toString();
            }));
    }

    @Property(tries = 2000)
    @SuppressWarnings("unchecked")
    void walkEqualsDataBinding(@ForAll("objects") final String json) throws JsonProcessingException {
        final JsonNode tree = Json.tree(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(Json.convert(tree, Map.class), UsageEventReader.plainObject(tree), json);
    }
}
