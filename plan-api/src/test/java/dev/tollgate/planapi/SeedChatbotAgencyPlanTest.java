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
 * Seed 000 (chatbot agency billing plan): quotas of bots, queries, words and voice seconds, feature
 * flags, credits, attributes, default plan, plan group and lookup key. See docs/seed-mapping.md.
 */
class SeedChatbotAgencyPlanTest {

    private static final TestHttp http = CatalogApi.shared().http();

    @Test
    void shouldExpressTheAgencyPlanWithQuotasFlagsCreditsAndAttributes() {
        final String suffix = unique("agency");
        for (final String[] meter : new String[][] {
            {"bots", "bot_count", "latest", "count"},
            {"queries", "query", "count", null},
            {"words", "message", "sum", "words"},
            {"voice_seconds", "call_ended", "sum", "seconds"}}) {
            create(http, "/v1/meters", """
                {"code": "%s-%s", "event_type": "%s", "aggregation": "%s"%s}
                """.formatted(meter[0], suffix, meter[1], meter[2],
                meter[3] == null ? "" : ", \"field\": \"" + meter[3] + "\""));
        }
        final String code = "starter-" + suffix;
        final JsonNode plan = json("""
            {
              "code": "%1$s",
              "name": "Starter",
              "description": "For agencies starting out",
              "interval": "monthly",
              "currency": "USD",
              "amount": "49.00",
              "charges": [
                {"code": "bots", "meter": "bots-%2$s", "model": "standard", "properties": {"amount": "0"},
                 "limit": {"units": "123", "enforce": true}},
                {"code": "queries", "meter": "queries-%2$s", "model": "standard", "properties": {"amount": "0"},
                 "limit": {"units": "123", "enforce": true}},
                {"code": "words", "meter": "words-%2$s", "model": "standard", "properties": {"amount": "0"},
                 "limit": {"units": "123", "enforce": true}},
                {"code": "voice_seconds", "meter": "voice_seconds-%2$s", "model": "standard",
                 "properties": {"amount": "0"}, "limit": {"units": "123", "enforce": true}}
              ],
              "features": {"premium_support": true, "remove_branding": false, "advanced_intents": false,
                           "auto_intents": false},
              "default_plan": false,
              "group": "agency-%2$s",
              "credits": {"ai_replies": "500"},
              "attributes": {"agency_id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "tier": 1, "ratio": 1.5,
                             "tags": ["a", "b"]},
              "lookup_key": "starter-lookup-%2$s"
            }
            """.formatted(code, suffix));

        final JsonNode created = create(http, "/v1/plans", plan.toString());
        final JsonNode read = get(http, "/v1/plans/" + code);

        assertReadBackEqual(plan, created);
        assertReadBackEqual(plan, read);
        assertEquals(plan.get("attributes"), read.get("attributes"), "attributes come back as the very JSON sent");
        assertEquals("active", read.get("status").asText());
        assertEquals(1, read.get("version").asInt());
    }
}
