package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/charges/estimate}: one charge priced without state, at full precision. */
class EstimateTest {

    private static final TestHttp http = CatalogApi.shared().http();

    @Test
    void shouldPriceUnitsAtFullPrecision() {
        // 90.5 x 0.01 = 0.905, not rounded to 0.91
        assertAmount("0.905", """
            {"model": "standard", "properties": {"amount": "0.01"}, "units": "90.5"}""");
        // 111 = 10 (tier1) + 100 (tier2) + 1 (tier3) => 10 + 90 + 0.5 + 15 = 115.5
        assertAmount("115.5", """
            {"model": "graduated", "properties": {"graduated_ranges": [
              {"from_value": 0, "to_value": 10, "per_unit_amount": "1", "flat_amount": "0"},
              {"from_value": 11, "to_value": 110, "per_unit_amount": "0.9", "flat_amount": "0"},
              {"from_value": 111, "to_value": null, "per_unit_amount": "0.5", "flat_amount": "15"}]},
             "units": 111}""");
    }

    @Test
    void shouldPricePercentageChargesEventByEvent() {
        // free allowance 250 ends inside the third event: (800 - 250) x 1.3 % + 2 paid events x 2 = 11.15
        assertAmount("11.15", """
            {"model": "percentage", "properties": {"rate": "1.3", "fixed_amount": "2",
             "free_units_per_total_aggregation": "250"}, "events": ["50", "100", "250", "400"]}""");
        // 1.75 (min) + 2.392 + 12 (max) = 16.142
        assertAmount("16.142", """
            {"model": "percentage", "properties": {"rate": "2.99", "per_transaction_min_amount": "1.75",
             "per_transaction_max_amount": "12"}, "events": [10, 80, 10000]}""");
    }

    @Test
    void shouldAnswer422WithTheFieldsOfInvalidProperties() {
        final TestHttp.Answer answer = http.post("/v1/charges/estimate", ADMIN, """
            {"model": "package", "properties": {"amount": "-1"}, "units": "5"}""");
        assertEquals(422, answer.status(), answer.body());
        final JsonNode errors = answer.json().get("errors");
        assertEquals("properties.amount", errors.get(0).get("field").asText(), answer.body());
        assertEquals("properties.package_size", errors.get(1).get("field").asText(), answer.body());

        final TestHttp.Answer both = http.post("/v1/charges/estimate", ADMIN, """
            {"model": "standard", "properties": {"amount": "1"}, "units": "1", "events": ["1"]}""");
        assertEquals(422, both.status(), both.body());
        assertEquals("units", both.json().get("errors").get(0).get("field").asText());

        final TestHttp.Answer dynamic = http.post("/v1/charges/estimate", ADMIN, """
            {"model": "dynamic", "properties": {}, "units": "1"}""");
        assertEquals(422, dynamic.status(), dynamic.body());
        assertEquals("model", dynamic.json().get("errors").get(0).get("field").asText());
    }

    /** Compares by value: full precision may carry trailing zeros (11.150). */
    private static void assertAmount(final String expected, final String body) {
        final TestHttp.Answer answer = http.post("/v1/charges/estimate", ADMIN, body);
        assertEquals(200, answer.status(), answer.body());
        final BigDecimal amount = new BigDecimal(answer.json().get("amount").asText());
        assertEquals(0, new BigDecimal(expected).compareTo(amount), expected + " expected, got " + amount);
    }
}
