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
import org.junit.jupiter.api.Test;

/**
 * Seed 004 (plan with fees): status, trial days, currency, an interval with a unit and a frequency,
 * billing cycles, bill timing, and metered fees with package size, free units and a unit label. The
 * recurring fee is the plan's amount; metered fees are charges. See docs/seed-mapping.md.
 */
class SeedFeesPlanTest {

    private static final TestHttp http = CatalogApi.shared().http();

    @Test
    void shouldExpressThePlanWithFeesIntervalFrequencyCyclesAndBillTiming() {
        final String suffix = unique("fees");
        create(http, "/v1/meters", """
            {"code": "users-%s", "event_type": "user_active", "aggregation": "unique_count", "field": "user_id"}
            """.formatted(suffix));
        final String code = "basic_plan-" + suffix;
        final JsonNode plan = json("""
            {
              "status": "active",
              "code": "%1$s",
              "name": "Basic Plan",
              "description": "Basic plan for users",
              "invoice_display_name": "Basic Plan",
              "trial_days": 7,
              "currency": "NGN",
              "interval": "monthly",
              "frequency": 2,
              "billing_cycles": 6,
              "bill_timing": "in_advance",
              "amount": "1000",
              "charges": [
                {"code": "users", "meter": "users-%2$s", "name": "Active users", "description": "Per active user",
                 "invoice_display_name": "Users", "model": "package", "unit_label": "user",
                 "properties": {"amount": "1000", "package_size": 2, "free_units": 0}}
              ]
            }
            """.formatted(code, suffix));

        assertReadBackEqual(plan, create(http, "/v1/plans", plan.toString()));
        assertReadBackEqual(plan, get(http, "/v1/plans/" + code));
    }

    @Test
    void shouldExpressAFeeOfADayUnitAsADailyPlan() {
        // The seed's "interval": {"unit": "day", "frequency": 14}: a period of 14 days
        final JsonNode plan = json("""
            {"code": "fortnight-%s", "name": "Fortnight", "currency": "NGN", "interval": "daily", "frequency": 14,
             "amount": "1400", "bill_timing": "in_advance"}""".formatted(unique("daily")));

        assertReadBackEqual(plan, create(http, "/v1/plans", plan.toString()));
        final TestHttp.Answer hourly = http.post("/v1/plans", ADMIN, """
            {"code": "%s", "name": "Hourly", "currency": "NGN", "interval": "hourly"}""".formatted(unique("hourly")));
        assertEquals(422, hourly.status(), hourly.body());
        assertEquals("interval", hourly.json().get("errors").get(0).get("field").asText(), hourly.body());
    }

    @Test
    void shouldExpressFeesOfTheirOwnIntervalsBesideTheBase() {
        // The seed's fees each have an interval: a monthly recurring fee (the plan's amount) and a yearly one
        final String code = unique("two-fees");
        final JsonNode plan = json("""
            {"code": "%s", "name": "Two fees", "currency": "NGN", "interval": "monthly", "amount": "1000",
             "fees": [{"code": "platform", "name": "Platform", "invoice_display_name": "Platform fee",
                       "amount": "12000", "interval": {"unit": "year", "frequency": 1}}]}""".formatted(code));

        assertReadBackEqual(plan, create(http, "/v1/plans", plan.toString()));
        assertReadBackEqual(plan, get(http, "/v1/plans/" + code));
        final TestHttp.Answer weekly = http.post("/v1/plans", ADMIN, """
            {"code": "%s", "name": "Weekly fee", "currency": "NGN", "interval": "monthly",
             "fees": [{"code": "w", "amount": "1", "interval": {"unit": "week", "frequency": 1}}]}
            """.formatted(unique("weekly-fee")));
        assertEquals(422, weekly.status(), weekly.body());
        assertEquals("fees[0].interval", weekly.json().get("errors").get(0).get("field").asText(), weekly.body());
    }

    @Test
    void shouldRefuseTheSeedsOwnStandardFeeWithAPackageSizeRatherThanBillEveryUnit() {
        final String suffix = unique("literal");
        create(http, "/v1/meters", """
            {"code": "users-%s", "event_type": "user_active", "aggregation": "unique_count", "field": "user_id"}
            """.formatted(suffix));
        // The page's example fee is "model": "standard" with "package_size": 3. Standard takes no
        // package size: created as standard it would bill every unit, not every started package of 3.
        // A package price is the package model (docs/seed-mapping.md).
        final TestHttp.Answer refused = http.post("/v1/plans", ADMIN, """
            {"code": "literal-%1$s", "name": "Literal", "interval": "monthly", "currency": "NGN",
             "charges": [{"code": "users", "meter": "users-%1$s", "model": "standard",
                          "properties": {"amount": "1", "package_size": 3}}]}
            """.formatted(suffix));
        assertEquals(422, refused.status(), refused.body());
        assertEquals("charges[0].properties.package_size", refused.json().get("errors").get(0).get("field").asText(),
            refused.body());
    }
}
