package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.testkit.TestHttp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (chatbot agency billing plan) end to end: the agency plan created through the API as
 * docs/seed-mapping.md maps it (each of bots_count, queries_count, words_count and voice_seconds a
 * charge of amount 0 with an enforced limit; feature flags, group, credits, attributes and lookup
 * key), usage sent through {@code POST /v1/events} until every quota is hit, the subscription
 * terminated, and its final statement checked line by line on the statements route and on
 * tollgate.period-statements. Events past a quota are rejected LIMIT_EXCEEDED and counted nowhere.
 */
class SeedChatbotAgencyEndToEndTest {

    private static SeedPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = SeedPipeline.shared();
    }

    @Test
    void shouldEnforceEveryQuotaAndBillOnlyTheUsageWithinIt() {
        final String suffix = SeedPipeline.suffix();
        final String plan = "starter-" + suffix;
        final String customer = "agency-client-" + suffix;
        final String subscription = "sub-agency-" + suffix;
        final String bot = "bot_count-" + suffix;
        final String query = "query-" + suffix;
        final String message = "message-" + suffix;
        final String call = "call_ended-" + suffix;
        pipeline.create("/v1/meters", """
            {"code": "bots-%s", "event_type": "%s", "aggregation": "latest", "field": "count"}
            """.formatted(suffix, bot));
        pipeline.create("/v1/meters", """
            {"code": "queries-%s", "event_type": "%s", "aggregation": "count"}""".formatted(suffix, query));
        pipeline.create("/v1/meters", """
            {"code": "words-%s", "event_type": "%s", "aggregation": "sum", "field": "words"}
            """.formatted(suffix, message));
        pipeline.create("/v1/meters", """
            {"code": "voice_seconds-%s", "event_type": "%s", "aggregation": "sum", "field": "seconds"}
            """.formatted(suffix, call));
        // bots_count 3, queries_count 5, words_count 1000, voice_seconds 600: quotas, priced 0.
        pipeline.create("/v1/plans", """
            {"code": "%1$s", "name": "Starter", "description": "For agencies starting out",
             "interval": "monthly", "currency": "USD", "amount": "49.00",
             "charges": [
               {"code": "bots", "meter": "bots-%2$s", "model": "standard", "properties": {"amount": "0"},
                "limit": {"units": "3", "enforce": true}},
               {"code": "queries", "meter": "queries-%2$s", "model": "standard", "properties": {"amount": "0"},
                "limit": {"units": "5", "enforce": true}},
               {"code": "words", "meter": "words-%2$s", "model": "standard", "properties": {"amount": "0"},
                "limit": {"units": "1000", "enforce": true}},
               {"code": "voice_seconds", "meter": "voice_seconds-%2$s", "model": "standard",
                "properties": {"amount": "0"}, "limit": {"units": "600", "enforce": true}}],
             "features": {"premium_support": true, "remove_branding": false, "advanced_intents": false,
                          "auto_intents": false},
             "default_plan": false, "group": "agency-%2$s", "credits": {"ai_replies": "10.00"},
             "attributes": {"agency_id": "3c90c3cc-0d44-4b50-8888-8dd25736052a"},
             "lookup_key": "starter-lookup-%2$s"}
            """.formatted(plan, suffix));
        final Instant started = SeedPipeline.monthlyAnniversaryEndingTomorrow();
        pipeline.create("/v1/subscriptions", """
            {"id": "%s", "customer_id": "%s", "plan": "%s", "started_at": "%s", "billing_time": "anniversary"}
            """.formatted(subscription, customer, plan, started));

        // bots: the latest count is the usage; 4 bots would pass the quota of 3.
        pipeline.send(customer, "bots-1", bot, "{\"count\":2}");
        pipeline.send(customer, "bots-2", bot, "{\"count\":4}");
        pipeline.send(customer, "bots-3", bot, "{\"count\":3}");
        // queries: the sixth and seventh pass the quota of 5.
        for (int i = 1; i <= 7; i++) {
            pipeline.send(customer, "query-" + i, query, "{}");
        }
        // words: 400 + 500 = 900; + 200 = 1100 passes 1000; + 100 = 1000 is at the quota, not past it.
        pipeline.send(customer, "words-1", message, "{\"words\":400}");
        pipeline.send(customer, "words-2", message, "{\"words\":500}");
        pipeline.send(customer, "words-3", message, "{\"words\":200}");
        pipeline.send(customer, "words-4", message, "{\"words\":100}");
        // voice seconds: 300 + 301 = 601 passes 600; 300 + 300 = 600 is at it.
        pipeline.send(customer, "voice-1", call, "{\"seconds\":300}");
        pipeline.send(customer, "voice-2", call, "{\"seconds\":301}");
        pipeline.send(customer, "voice-3", call, "{\"seconds\":300}");

        for (final String refused : List.of("bots-2", "query-6", "query-7", "words-3", "voice-2")) {
            pipeline.awaitOutcome(customer, refused, "rejected", "LIMIT_EXCEEDED");
        }
        for (final String taken : List.of("bots-3", "query-5", "words-4", "voice-3")) {
            pipeline.awaitOutcome(customer, taken, "rated", null);
        }
        final TestHttp.Answer entitlement = pipeline.http().get("/v1/customers/" + customer
            + "/entitlements/queries-" + suffix, pipeline.admin());
        assertEquals(200, entitlement.status(), entitlement.body());
        assertFalse(entitlement.json().get("allowed").asBoolean(), entitlement.body());
        assertEquals("0", entitlement.json().get("remaining").asText());

        final Instant ended = pipeline.terminate(subscription);
        final JsonNode statement = pipeline.awaitStatementEndingAt(subscription, ended);

        final List<String> expected = List.of(
            // The period's last day is the termination day: the whole month's base price.
            "subscription " + plan + " 1 49.00",
            // Usage within the quotas only, priced 0: latest 3 bots (4 refused), 5 queries (2 refused),
            // 400 + 500 + 100 = 1000 words (200 refused), 300 + 300 = 600 seconds (301 refused).
            "usage bots 3 0.00",
            "usage queries 5 0.00",
            "usage words 1000 0.00",
            "usage voice_seconds 600 0.00",
            // The period's 10.00 of prepaid credit pays down the 49.00: 49.00 - 10.00 = 39.00 due.
            "credit ai_replies 1 -10.00");
        assertEquals(expected, SeedPipeline.lines(statement));
        assertEquals("49.00", statement.get("subtotal").asText());
        assertEquals("39.00", statement.get("total").asText());
        assertEquals(true, statement.get("final").asBoolean());

        final PeriodStatement published = pipeline.onTopic(subscription, statement.get("id").asText());
        assertEquals(expected, SeedPipeline.lines(published));
        assertEquals("39.00", published.total().toPlainString());
        assertEquals(ended, published.period().end());
    }
}
