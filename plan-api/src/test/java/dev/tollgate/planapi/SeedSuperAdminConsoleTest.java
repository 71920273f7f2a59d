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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (super-admin billing console): IDR plans with monthly and annual base prices (annual
 * defaults to monthly x 10), per-agent price, overage message price, resource limits, feature flags,
 * active flag and sort order; coupons; add-ons. See docs/seed-mapping.md.
 */
class SeedSuperAdminConsoleTest {

    private static final TestHttp http = CatalogApi.shared().http();

    @Test
    void shouldExpressTheConsolePlansWithAnnualDefaultSeatsOverageLimitsAndFlags() {
        final String suffix = unique("console");
        createMeters(suffix);
        final String basic = "basic-" + suffix;
        final JsonNode basicPlan = consolePlan(basic, "Basic", suffix, "299000", null, 2);
        final JsonNode pro = consolePlan("pro-" + suffix, "Pro", suffix, "799000", "7000000", 1);

        assertReadBackEqual(basicPlan, create(http, "/v1/plans", basicPlan.toString()));
        assertReadBackEqual(pro, create(http, "/v1/plans", pro.toString()));
        final JsonNode readBasic = get(http, "/v1/plans/" + basic);
        assertReadBackEqual(basicPlan, readBasic);
        assertEquals(0, new BigDecimal("2990000").compareTo(new BigDecimal(readBasic.get("yearly_amount").asText())),
            "annual price defaults to monthly x 10");
        assertEquals(0, new BigDecimal("7000000").compareTo(
            new BigDecimal(get(http, "/v1/plans/pro-" + suffix).get("yearly_amount").asText())));

        // is_active = false: the plan is archived, and the list still shows it (active and inactive).
        assertEquals(200, http.delete("/v1/plans/" + basic, ADMIN).status());
        final List<String> listed = new ArrayList<>();
        for (final JsonNode plan : get(http, "/v1/plans")) {
            if (plan.get("code").asText().endsWith(suffix)) {
                listed.add(plan.get("code").asText() + ":" + plan.get("status").asText());
            }
        }
        assertEquals(List.of("pro-" + suffix + ":active", basic + ":archived"), listed, "by sort_order");
    }

    @Test
    void shouldExpressPercentageAndFixedCouponsWithMaxUsesWindowAndPlans() {
        final String suffix = unique("coupons");
        createMeters(suffix);
        final String plan = "basic-" + suffix;
        create(http, "/v1/plans", consolePlan(plan, "Basic", suffix, "299000", null, 0).toString());
        final JsonNode percentage = json("""
            {"code": "WELCOME-%s", "name": "Welcome", "coupon_type": "percentage", "percentage_rate": "20",
             "max_uses": 100, "valid_from": "2026-01-01T00:00:00Z", "valid_until": "2026-07-01T00:00:00Z",
             "plans": ["%s"], "active": true}
            """.formatted(suffix, plan));
        final JsonNode fixed = json("""
            {"code": "HEMAT-%s", "coupon_type": "fixed_amount", "amount": "50000", "currency": "IDR",
             "valid_from": "2026-01-01T00:00:00Z"}
            """.formatted(suffix));

        assertReadBackEqual(percentage, create(http, "/v1/coupons", percentage.toString()));
        assertReadBackEqual(fixed, create(http, "/v1/coupons", fixed.toString()));
        assertReadBackEqual(percentage, get(http, "/v1/coupons/WELCOME-" + suffix));
        assertReadBackEqual(fixed, get(http, "/v1/coupons/HEMAT-" + suffix));

        final JsonNode updated = json("""
            {"coupon_type": "percentage", "percentage_rate": "100", "max_uses": 5, "plans": [], "active": false}
            """);
        final String etag = http.get("/v1/coupons/WELCOME-" + suffix, ADMIN).header("ETag").orElseThrow();
        final TestHttp.Answer put = http.put("/v1/coupons/WELCOME-" + suffix, ADMIN, updated.toString(), etag);
        assertEquals(200, put.status(), put.body());
        assertReadBackEqual(updated, get(http, "/v1/coupons/WELCOME-" + suffix));
        assertTrue(codes(get(http, "/v1/coupons")).containsAll(List.of("WELCOME-" + suffix, "HEMAT-" + suffix)));

        for (final String rate : List.of("0", "101")) {
            final TestHttp.Answer invalid = http.post("/v1/coupons", ADMIN, """
                {"code": "BAD-%s-%s", "coupon_type": "percentage", "percentage_rate": "%s"}
                """.formatted(rate, suffix, rate));
            assertEquals(422, invalid.status(), invalid.body());
            assertEquals("percentage_rate", invalid.json().get("errors").get(0).get("field").asText());
        }
    }

    @Test
    void shouldRefuseARedemptionPastTheCouponsMaxUsesAndShowItsCurrentUses() {
        final String suffix = unique("redeemed");
        createMeters(suffix);
        final String plan = "basic-" + suffix;
        create(http, "/v1/plans", consolePlan(plan, "Basic", suffix, "299000", null, 0).toString());
        create(http, "/v1/coupons", """
            {"code": "TWICE-%s", "coupon_type": "percentage", "percentage_rate": "10", "max_uses": 2}
            """.formatted(suffix));
        for (final String customer : List.of("a", "b")) {
            create(http, "/v1/subscriptions", """
                {"id": "sub-%1$s-%2$s", "customer_id": "%2$s-%1$s", "plan": "%3$s", "coupons": ["TWICE-%1$s"]}
                """.formatted(suffix, customer, plan));
        }
        assertEquals(2, get(http, "/v1/coupons/TWICE-" + suffix).get("current_uses").asInt());

        final TestHttp.Answer third = http.post("/v1/subscriptions", ADMIN, """
            {"id": "sub-%1$s-c", "customer_id": "c-%1$s", "plan": "%2$s", "coupons": ["TWICE-%1$s"]}
            """.formatted(suffix, plan));
        assertEquals(422, third.status(), third.body());
        assertEquals("coupons[0]", third.json().get("errors").get(0).get("field").asText());
        assertEquals("coupon TWICE-" + suffix + " was redeemed 2 time(s), all its max_uses",
            third.json().get("errors").get(0).get("message").asText());

        // A plan change that keeps the coupon is the same redemption, not a third one.
        create(http, "/v1/subscriptions/sub-" + suffix + "-a/plan-change", """
            {"plan": "%s", "coupons": ["TWICE-%s"]}""".formatted(plan, suffix));
        assertEquals(2, get(http, "/v1/coupons/TWICE-" + suffix).get("current_uses").asInt());
    }

    @Test
    void shouldExpressAddOnsWithMonthlyAnnualPriceAndUnit() {
        final String suffix = unique("addons");
        final JsonNode perAgent = json("""
            {"code": "extra-agent-%s", "name": "Extra agent", "description": "One more agent seat",
             "currency": "IDR", "monthly_amount": "50000", "yearly_amount": "500000", "unit": "per_seat",
             "sort_order": 1}
            """.formatted(suffix));
        final JsonNode flat = json("""
            {"code": "whatsapp-%s", "name": "WhatsApp channel", "currency": "IDR", "monthly_amount": "100000",
             "unit": "flat", "sort_order": 2}
            """.formatted(suffix));

        assertReadBackEqual(perAgent, create(http, "/v1/addons", perAgent.toString()));
        assertReadBackEqual(flat, create(http, "/v1/addons", flat.toString()));
        assertReadBackEqual(perAgent, get(http, "/v1/addons/extra-agent-" + suffix));

        final JsonNode updated = json("""
            {"name": "WhatsApp channel", "description": "Now with templates", "currency": "IDR",
             "monthly_amount": "120000", "yearly_amount": "1200000", "active": false, "sort_order": 3}
            """);
        final String etag = http.get("/v1/addons/whatsapp-" + suffix, ADMIN).header("ETag").orElseThrow();
        assertEquals(200, http.put("/v1/addons/whatsapp-" + suffix, ADMIN, updated.toString(), etag).status());
        final JsonNode read = get(http, "/v1/addons/whatsapp-" + suffix);
        assertReadBackEqual(updated, read);
        assertTrue(codes(get(http, "/v1/addons")).containsAll(List.of("extra-agent-" + suffix, "whatsapp-" + suffix)));
    }

    private static void createMeters(final String suffix) {
        create(http, "/v1/meters", """
            {"code": "messages-%s", "event_type": "message_sent", "aggregation": "count"}""".formatted(suffix));
        for (final String counted : List.of("contacts", "channels", "ai_agents")) {
            create(http, "/v1/meters", """
                {"code": "%s-%s", "event_type": "%s_changed", "aggregation": "latest", "field": "total"}
                """.formatted(counted, suffix, counted));
        }
    }

    /** A console plan: limits as enforced charges, overage as a graduated charge past the monthly messages. */
    private static JsonNode consolePlan(final String code, final String name, final String suffix,
                                        final String monthly, final String annual, final int sortOrder) {
        return json("""
            {
              "code": "%1$s",
              "name": "%2$s",
              "currency": "IDR",
              "interval": "monthly",
              "amount": "%3$s",
              %4$s
              "seat_price": "99000",
              "charges": [
                {"code": "messages", "meter": "messages-%5$s", "model": "graduated",
                 "properties": {"graduated_ranges": [
                   {"from_value": 0, "to_value": 10000, "per_unit_amount": "0", "flat_amount": "0"},
                   {"from_value": 10000, "to_value": null, "per_unit_amount": "150", "flat_amount": "0"}]},
                 "limit": {"units": "10000", "enforce": false}, "thresholds": ["80", "100"]},
                {"code": "contacts", "meter": "contacts-%5$s", "model": "standard", "properties": {"amount": "0"},
                 "limit": {"units": "5000", "enforce": true}},
                {"code": "channels", "meter": "channels-%5$s", "model": "standard", "properties": {"amount": "0"},
                 "limit": {"units": "3", "enforce": true}},
                {"code": "ai_agents", "meter": "ai_agents-%5$s", "model": "standard", "properties": {"amount": "0"},
                 "limit": {"units": "2", "enforce": true}}
              ],
              "max_seats": 10,
              "attributes": {"slug": "%1$s"},
              "features": {"ai_agent": true, "api_access": false, "dedicated_support": false},
              "status": "active",
              "sort_order": %6$d
            }
            """.formatted(code, name, monthly, annual == null ? "" : "\"yearly_amount\": \"" + annual + "\",",
            suffix, sortOrder));
    }

    private static List<String> codes(final JsonNode list) {
        final List<String> codes = new ArrayList<>();
        list.forEach(item -> codes.add(item.get("code").asText()));
        return codes;
    }
}
