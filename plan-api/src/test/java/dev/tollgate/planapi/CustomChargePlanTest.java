package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.assertReadBackEqual;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.json;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A custom charge's expression is compiled when its plan is created: a plan whose expression does not compile, uses
 * what it may not, or cannot price a period without events is refused with the expression's error, and an estimate
 * prices one with the rater's own code.
 */
class CustomChargePlanTest {

    private static final TestHttp http = CatalogApi.shared().http();
    private static final String SUFFIX = unique("custom");

    @BeforeAll
    static void meter() {
        create(http, "/v1/meters", """
            {"code": "storage-%s", "event_type": "stored", "aggregation": "sum", "field": "gb"}""".formatted(SUFFIX));
    }

    private static String plan(final String code, final String properties) {
        return """
            {"code": "%s-%s", "name": "Storage", "interval": "monthly", "currency": "USD",
             "charges": [{"code": "storage", "meter": "storage-%s", "model": "custom", "properties": %s}]}
            """.formatted(code, SUFFIX, SUFFIX, properties);
    }

    @Test
    void shouldCreateAndReadBackAPlanWithACustomCharge() {
        final JsonNode plan = json(plan("floor-fee", """
            {"expression": "MAX(floor, units * rate)", "variables": {"rate": "0.02", "floor": "5"}}"""));
        assertReadBackEqual(plan, create(http, "/v1/plans", plan.toString()));
        assertReadBackEqual(plan, get(http, "/v1/plans/floor-fee-" + SUFFIX));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        an undeclared variable | {"expression": "units * price", "variables": {"rate": "0.02"}} | charges[0].properties.expression | uses 'price' at character 9, which is neither units nor a declared variable
        a syntax error         | {"expression": "MAX(units, "}                                  | charges[0].properties.expression | is not a valid expression:
        a function not allowed | {"expression": "SQRT(units)"}                                  | charges[0].properties.expression | is not a valid expression: Undefined function 'SQRT'
        an unbounded power     | {"expression": "units ^ units"}                                | charges[0].properties.expression | the exponent of ^ at character 7 must be a whole number written as such, from 0 to 10
        no price at 0 units    | {"expression": "rate / units", "variables": {"rate": "1"}}    | charges[0].properties.expression | at 0 units: Division by zero
        a negative price       | {"expression": "units - 1"}                                    | charges[0].properties.expression | at 0 units computes -1; an amount must not be negative
        a variable not a number| {"expression": "units * rate", "variables": {"rate": "two"}}  | charges[0].properties.variables.rate | must be a decimal number
        a variable named units | {"expression": "units", "variables": {"units": "1"}}         | charges[0].properties.variables.units | is the period's units
        no expression          | {"variables": {"rate": "1"}}                                   | charges[0].properties.expression | is required
        """)
    void shouldRefuseABadCustomChargeNamingTheFieldAndTheExpressionsError(final String name, final String properties,
                                                                        final String field, final String message) {
        final TestHttp.Answer answer = http.post("/v1/plans", ADMIN, plan("bad-" + Math.abs(name.hashCode()),
            properties));
        assertEquals(422, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        final JsonNode errors = answer.json().get("errors");
        assertEquals(1, errors.size(), answer.body());
        assertEquals(field, errors.get(0).get("field").asText());
        assertTrue(errors.get(0).get("message").asText().contains(message), answer.body());
    }

    @Test
    void shouldEstimateACustomChargeExactly() {
        final String properties = """
            {"expression": "IF(units <= 100, units * low, 100 * low + (units - 100) * high)",
             "variables": {"low": "0.10", "high": "0.05"}}""";
        final TestHttp.Answer byUnits = http.post("/v1/charges/estimate", ADMIN, """
            {"model": "custom", "properties": %s, "units": "100.5"}""".formatted(properties));
        assertEquals(200, byUnits.status(), byUnits.body());
        // 100 x 0.10 + 0.5 x 0.05
        assertEquals(new BigDecimal("10.025"), new BigDecimal(byUnits.json().get("amount").asText()));
        final TestHttp.Answer byEvents = http.post("/v1/charges/estimate", ADMIN, """
            {"model": "custom", "properties": %s, "events": ["40", "60.5"]}""".formatted(properties));
        assertEquals(200, byEvents.status(), byEvents.body());
        assertEquals(0, new BigDecimal("10.025").compareTo(new BigDecimal(byEvents.json().get("amount").asText())));
    }
}
