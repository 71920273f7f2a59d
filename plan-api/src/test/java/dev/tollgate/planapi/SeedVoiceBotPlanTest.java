package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.assertReadBackEqual;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.json;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (voice bot vendor plan): included inbound and outbound seconds priced per second, overuse
 * prices past the allowance, hard limits with an enforce flag per direction, and a base price in cents.
 * One meter of call seconds, two charges on its direction slices. See docs/seed-mapping.md.
 */
class SeedVoiceBotPlanTest {

    private static final TestHttp http = CatalogApi.shared().http();

    @Test
    void shouldExpressTheStandardTierWithAllowancesOverusePricesAndLimitsPerDirection() {
        final String suffix = unique("voice");
        create(http, "/v1/meters", """
            {"code": "call_seconds-%s", "name": "Call seconds", "event_type": "call_ended", "aggregation": "sum",
             "field": "seconds"}""".formatted(suffix));
        final String code = "standard-tier-" + suffix;
        // includedInboundSeconds 1000 at 2 cents, 3 cents past it; hard limit 5000, enforced.
        // includedOutboundSeconds 500 at 4 cents, 5 cents past it; limit 2000, not enforced.
        // baseRecurringPriceCent 1000 = 10.00 USD a month.
        final JsonNode plan = json("""
            {
              "code": "%1$s",
              "name": "Standard Tier",
              "interval": "monthly",
              "currency": "USD",
              "amount": "10.00",
              "charges": [
                {"code": "inbound", "meter": "call_seconds-%2$s", "model": "graduated",
                 "filters": {"direction": ["inbound"]},
                 "properties": {"graduated_ranges": [
                   {"from_value": 0, "to_value": 1000, "per_unit_amount": "0.02", "flat_amount": "0"},
                   {"from_value": 1000, "to_value": null, "per_unit_amount": "0.03", "flat_amount": "0"}]},
                 "limit": {"units": "5000", "enforce": true}, "unit_label": "second"},
                {"code": "outbound", "meter": "call_seconds-%2$s", "model": "graduated",
                 "filters": {"direction": ["outbound"]},
                 "properties": {"graduated_ranges": [
                   {"from_value": 0, "to_value": 500, "per_unit_amount": "0.04", "flat_amount": "0"},
                   {"from_value": 500, "to_value": null, "per_unit_amount": "0.05", "flat_amount": "0"}]},
                 "limit": {"units": "2000", "enforce": false}, "unit_label": "second"}
              ]
            }
            """.formatted(code, suffix));

        assertReadBackEqual(plan, create(http, "/v1/plans", plan.toString()));
        final JsonNode read = get(http, "/v1/plans/" + code);
        assertReadBackEqual(plan, read);
        assertEquals("in_arrears", read.get("bill_timing").asText());

        // 1200 inbound seconds = 1000 x 0.02 + 200 x 0.03 = 26, priced by the rater's own code.
        final TestHttp.Answer estimate = http.post("/v1/charges/estimate", CatalogApi.ADMIN, """
            {"model": "graduated", "properties": %s, "units": "1200"}
            """.formatted(read.get("charges").get(0).get("properties")));
        assertEquals(200, estimate.status(), estimate.body());
        assertEquals("26.00", estimate.json().get("amount").asText());
    }
}
