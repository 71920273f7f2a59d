package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.assertReadBackEqual;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.json;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 (plan with usage charges): code unique with 409 on duplicates, every interval, amount in
 * cents, currency, trial days, and charges of every model (custom as an expression) on billable metrics, with filters and
 * invoice display names. See docs/seed-mapping.md.
 */
class SeedUsageChargesPlanTest {

    private static final TestHttp http = CatalogApi.shared().http();

    @Test
    void shouldExpressAPlanWithEveryChargeModelAndFilters() {
        final String suffix = unique("usage");
        create(http, "/v1/meters", """
            {"code": "api_calls-%s", "event_type": "api_call", "aggregation": "count",
             "filters": {"region": ["eu", "us", "apac"]}}""".formatted(suffix));
        // One charge per meter prices an event: beside the filtered api_calls charges, calls_volume is the default
        // (apac), and every further model has a meter of its own
        for (final String meter : new String[] {
            "{\"code\": \"batches-%s\", \"event_type\": \"api_batch\", \"aggregation\": \"count\"}",
            "{\"code\": \"payments-%s\", \"event_type\": \"payment\", \"aggregation\": \"sum\", \"field\": \"amount\"}",
            "{\"code\": \"payouts-%s\", \"event_type\": \"payout\", \"aggregation\": \"sum\", \"field\": \"amount\"}",
            "{\"code\": \"costs-%s\", \"event_type\": \"completion\", \"aggregation\": \"sum\", \"field\": \"tokens\"}",
            "{\"code\": \"storage-%s\", \"event_type\": \"stored\", \"aggregation\": \"max\", \"field\": \"gb\"}"}) {
            create(http, "/v1/meters", meter.formatted(suffix));
        }
        final String code = "usage-" + suffix;
        final JsonNode plan = json("""
            {
              "code": "%1$s",
              "name": "Usage",
              "description": "Every charge model",
              "interval": "quarterly",
              "amount": "19.99",
              "currency": "EUR",
              "trial_days": 14,
              "charges": [
                {"code": "calls_eu", "meter": "api_calls-%2$s", "model": "standard",
                 "properties": {"amount": "0.001"}, "filters": {"region": ["eu"]},
                 "invoice_display_name": "API calls (EU)"},
                {"code": "calls_us", "meter": "api_calls-%2$s", "model": "graduated",
                 "filters": {"region": ["us"]}, "invoice_display_name": "API calls (US)",
                 "properties": {"graduated_ranges": [
                   {"from_value": 0, "to_value": 10, "per_unit_amount": "1", "flat_amount": "2"},
                   {"from_value": 11, "to_value": null, "per_unit_amount": "0.5", "flat_amount": "0"}]}},
                {"code": "calls_volume", "meter": "api_calls-%2$s", "model": "volume",
                 "properties": {"volume_ranges": [
                   {"from_value": 0, "to_value": 100, "per_unit_amount": "2", "flat_amount": "1"},
                   {"from_value": 101, "to_value": null, "per_unit_amount": "1.5", "flat_amount": "0"}]}},
                {"code": "calls_package", "meter": "batches-%2$s", "model": "package",
                 "properties": {"amount": "5", "package_size": 10, "free_units": 100}},
                {"code": "payment_fee", "meter": "payments-%2$s", "model": "percentage",
                 "properties": {"rate": "2.5", "fixed_amount": "0.25", "free_units_per_events": 3,
                                "per_transaction_min_amount": "0.5", "per_transaction_max_amount": "10"}},
                {"code": "payment_tiers", "meter": "payouts-%2$s", "model": "graduated_percentage",
                 "properties": {"graduated_percentage_ranges": [
                   {"from_value": 0, "to_value": 100, "rate": "1", "flat_amount": "0.5"},
                   {"from_value": 101, "to_value": null, "rate": "0.5", "flat_amount": "1"}]}},
                {"code": "payment_passthrough", "meter": "costs-%2$s", "model": "dynamic", "properties": {}},
                {"code": "storage_fee", "meter": "storage-%2$s", "model": "custom",
                 "properties": {"expression": "MAX(floor, units * rate)",
                                "variables": {"rate": "0.02", "floor": "5"}}}
              ]
            }
            """.formatted(code, suffix));

        assertReadBackEqual(plan, create(http, "/v1/plans", plan.toString()));
        assertReadBackEqual(plan, get(http, "/v1/plans/" + code));

        final TestHttp.Answer duplicate = http.post("/v1/plans", ADMIN, plan.toString());
        assertEquals(409, duplicate.status(), duplicate.body());
    }

    @Test
    void shouldTakeEveryIntervalAndRefuseLagosCustomScriptProperties() {
        final String suffix = unique("intervals");
        create(http, "/v1/meters", """
            {"code": "calls-%s", "event_type": "api_call", "aggregation": "count"}""".formatted(suffix));
        for (final String interval : new String[] {"weekly", "monthly", "quarterly", "yearly"}) {
            final JsonNode plan = json("""
                {"code": "%s-%s", "name": "%s", "interval": "%s", "currency": "USD", "amount": "1"}
                """.formatted(interval, suffix, interval, interval));
            assertReadBackEqual(plan, create(http, "/v1/plans", plan.toString()));
        }
        final TestHttp.Answer custom = http.post("/v1/plans", ADMIN, """
            {"code": "custom-%1$s", "name": "Custom", "interval": "monthly", "currency": "USD",
             "charges": [{"meter": "calls-%1$s", "model": "custom", "properties": {"custom_properties": {}}}]}
            """.formatted(suffix));
        // Lago's custom model reads custom_properties into a script; Tollgate's takes an expression instead
        assertEquals(422, custom.status(), custom.body());
        assertEquals(List.of("charges[0].properties.expression", "charges[0].properties.custom_properties"),
            custom.json().get("errors").findValuesAsText("field"));
    }
}
