package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.testkit.TestHttp;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every body-taking route of the plan API answers malformed, truncated, oddly encoded and oversized
 * bodies with a 4xx problem+json, never a 500; and the estimate never answers 500 whatever it is asked.
 */
class HostileBodiesTest {

    private static final TestHttp http = CatalogApi.shared().http();
    private static final String CODE = CatalogApi.unique("hostile");
    private static final String PLAN = """
        {"code": "%s", "name": "Hostile", "interval": "monthly", "currency": "USD", "amount": "5"}""".formatted(CODE);

    /** Method and path of every route that reads a body. */
    private static final List<String[]> ROUTES = List.of(
        new String[] {"POST", "/v1/meters"},
        new String[] {"POST", "/v1/plans"},
        new String[] {"PUT", "/v1/plans/" + CODE},
        new String[] {"POST", "/v1/subscriptions"},
        new String[] {"POST", "/v1/subscriptions/sub-" + CODE + "/plan-change"},
        new String[] {"POST", "/v1/coupons"},
        new String[] {"PUT", "/v1/coupons/" + CODE},
        new String[] {"POST", "/v1/addons"},
        new String[] {"PUT", "/v1/addons/" + CODE},
        new String[] {"POST", "/v1/charges/estimate"});

    static Stream<Arguments> bodies() {
        final List<Arguments> cases = new ArrayList<>();
        // C3 must be followed by a continuation byte; 28 is '('
        final String withDots = PLAN.replace("Hostile", "Hostil..");
        final byte[] invalidUtf8 = withDots.getBytes(StandardCharsets.UTF_8);
        invalidUtf8[withDots.indexOf("..")] = (byte) 0xC3;
        invalidUtf8[withDots.indexOf("..") + 1] = (byte) 0x28;
        for (final String[] route : ROUTES) {
            cases.add(Arguments.of(route[0], route[1], "empty", new byte[0], 400));
            cases.add(Arguments.of(route[0], route[1], "00 00 01 00", new byte[] {0, 0, 1, 0}, 400));
            cases.add(Arguments.of(route[0], route[1], "truncated", PLAN.substring(0, PLAN.length() / 2)
                .getBytes(StandardCharsets.UTF_8), 400));
            cases.add(Arguments.of(route[0], route[1], "UTF-16", PLAN.getBytes(StandardCharsets.UTF_16), 400));
            cases.add(Arguments.of(route[0], route[1], "UTF-16LE", PLAN.getBytes(StandardCharsets.UTF_16LE), 400));
            cases.add(Arguments.of(route[0], route[1], "UTF-32", PLAN.getBytes(Charset.forName("UTF-32")), 400));
            cases.add(Arguments.of(route[0], route[1], "invalid UTF-8", invalidUtf8, 400));
            cases.add(Arguments.of(route[0], route[1], "deep nesting", ("{\"a\":" + "[".repeat(5_000)
                + "]".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8), 400));
            cases.add(Arguments.of(route[0], route[1], "over 1 MiB", ("{\"name\":\"" + "x".repeat(1_100_000)
                + "\"}").getBytes(StandardCharsets.UTF_8), 413));
            cases.add(Arguments.of(route[0], route[1], "an exponent past an int", "{\"amount\": -1e-2147483648}"
                .getBytes(StandardCharsets.UTF_8), 400));
            cases.add(Arguments.of(route[0], route[1], "a bare string", "\"plan\"".getBytes(StandardCharsets.UTF_8),
                400));
            cases.add(Arguments.of(route[0], route[1], "valid JSON with a NUL byte", "{\"a\":1}\u0000"
                .getBytes(StandardCharsets.UTF_8), 400));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("bodies")
    void shouldAnswerAHostileBodyWithAProblem(final String method, final String path, final String name,
                                              final byte[] body, final int status) {
        final HttpRequest.Builder request = http.request(path, ADMIN).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (method.equals("PUT")) {
            request.header("If-Match", "*");
        }
        final TestHttp.Answer answer = http.send(request.build());
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        assertEquals(status, answer.json().get("status").intValue());
    }

    static Stream<Arguments> estimates() {
        final String graduated = "{\"graduated_ranges\": [{\"from_value\": 0, \"to_value\": 10, \"per_unit_amount\": "
            + "\"1\", \"flat_amount\": \"0\"}, {\"from_value\": 11, \"to_value\": null, \"per_unit_amount\": \"%s\", "
            + "\"flat_amount\": \"0\"}]}";
        return Stream.of(
            Arguments.of("units 1e1000000", "{\"model\": \"standard\", \"properties\": {\"amount\": \"0.002\"}, "
                + "\"units\": \"1e1000000\"}", "units"),
            Arguments.of("units as a JSON number 1e1000000", "{\"model\": \"standard\", \"properties\": "
                + "{\"amount\": \"0.002\"}, \"units\": 1e1000000}", "units"),
            Arguments.of("units 1E+2147483647", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, "
                + "\"units\": \"1E+2147483647\"}", "units"),
            Arguments.of("units -1e-2147483648 as a string", "{\"model\": \"standard\", \"properties\": "
                + "{\"amount\": \"1\"}, \"units\": \"-1e-2147483648\"}", "units"),
            Arguments.of("units 1e-10000", "{\"model\": \"package\", \"properties\": {\"amount\": \"1\", "
                + "\"package_size\": 3}, \"units\": \"1e-10000\"}", "units"),
            Arguments.of("units of a million digits", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, "
                + "\"units\": \"" + "9".repeat(1_000_000) + "\"}", "units"),
            Arguments.of("price 1e1000000", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1e1000000\"}, "
                + "\"units\": \"1\"}", "properties.amount"),
            Arguments.of("range price 1e-10000", "{\"model\": \"graduated\", \"properties\": "
                + graduated.formatted("1e-10000") + ", \"units\": 20}", "properties.graduated_ranges[1].per_unit_amount"),
            Arguments.of("package size 1e1000000", "{\"model\": \"package\", \"properties\": {\"amount\": \"1\", "
                + "\"package_size\": \"1e1000000\"}, \"units\": \"5\"}", "properties.package_size"),
            Arguments.of("free events 1e100000000", "{\"model\": \"percentage\", \"properties\": {\"rate\": \"1\", "
                + "\"free_units_per_events\": \"1e100000000\"}, \"events\": [\"1\"]}",
                "properties.free_units_per_events"),
            Arguments.of("an event of 1e1000000", "{\"model\": \"percentage\", \"properties\": {\"rate\": \"1\"}, "
                + "\"events\": [\"1\", \"1e1000000\"]}", "events[1]"),
            Arguments.of("a model that is a number", "{\"model\": 7, \"properties\": {}, \"units\": \"1\"}", "model"),
            Arguments.of("an unknown model", "{\"model\": \"tiered\", \"properties\": {}, \"units\": \"1\"}", "model"),
            Arguments.of("a custom charge without an expression", "{\"model\": \"custom\", \"properties\": {}, "
                + "\"units\": \"1\"}", "properties.expression"),
            Arguments.of("an expression of 100,000 characters", "{\"model\": \"custom\", \"properties\": "
                + "{\"expression\": \"units" + " + 1".repeat(25_000) + "\"}, \"units\": \"1\"}", "properties.expression"),
            Arguments.of("a custom amount that turns negative", "{\"model\": \"custom\", \"properties\": "
                + "{\"expression\": \"10 - units\"}, \"units\": \"11\"}", "properties.expression"),
            Arguments.of("properties as a list", "{\"model\": \"standard\", \"properties\": [1], \"units\": \"1\"}",
                "properties"),
            Arguments.of("units as an object", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, "
                + "\"units\": {}}", "units"),
            Arguments.of("units as true", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, "
                + "\"units\": true}", "units"),
            Arguments.of("events as a string", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, "
                + "\"events\": \"1,2\"}", "events"),
            Arguments.of("an event that is an object", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, "
                + "\"events\": [{}]}", "events[0]"),
            Arguments.of("a negative event", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, "
                + "\"events\": [\"-1\"]}", "events[0]"),
            Arguments.of("10,001 events", "{\"model\": \"percentage\", \"properties\": {\"rate\": \"1\"}, \"events\": "
                + IntStream.range(0, 10_001).mapToObj(i -> "1").collect(Collectors.joining(",", "[", "]")) + "}",
                "events"),
            Arguments.of("a field the estimate does not take", "{\"model\": \"standard\", \"properties\": "
                + "{\"amount\": \"1\"}, \"units\": \"1\", \"currency\": \"USD\"}", "currency"),
            Arguments.of("neither units nor events", "{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}}",
                "units"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estimates")
    void shouldAnswer422ForAnEstimateItCannotPrice(final String name, final String body, final String field) {
        final TestHttp.Answer answer = http.post("/v1/charges/estimate", ADMIN, body);
        assertEquals(422, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        assertTrue(CatalogApi.json(answer.body()).get("errors").findValuesAsText("field").contains(field),
            answer.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundedEstimates")
    void shouldPriceTheLargestBoundedNumbers(final String body, final String expected) {
        final TestHttp.Answer answer = http.post("/v1/charges/estimate", ADMIN, body);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(answer.json().get("amount").textValue())),
            answer.body());
    }

    static Stream<Arguments> boundedEstimates() {
        final String largest = "9".repeat(Decimals.MAX_INTEGER_DIGITS) + "." + "9".repeat(Decimals.MAX_SCALE);
        return Stream.of(
            // (10^30 - 10^-30) x 1 = the units themselves
            Arguments.of("{\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}, \"units\": \"" + largest
                + "\"}", largest),
            // 10,000 events of 10^29 at 100 %: 10^33
            Arguments.of("{\"model\": \"percentage\", \"properties\": {\"rate\": \"100\"}, \"events\": "
                + IntStream.range(0, 10_000).mapToObj(i -> "\"1E+29\"").collect(Collectors.joining(",", "[", "]"))
                + "}", "1" + "0".repeat(33)));
    }
}
