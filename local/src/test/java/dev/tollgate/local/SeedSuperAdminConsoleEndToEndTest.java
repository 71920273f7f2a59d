package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.testkit.TestHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (super-admin billing console) end to end: a console plan in IDR created through the API as
 * docs/seed-mapping.md maps it (base price, per-agent seat price, max_messages_month as the free range
 * of a graduated messages charge with the overage price past it, the resource limits as enforced
 * charges), a percentage coupon limited to the plan and a per-agent add-on, a subscription with three
 * agents, usage through {@code POST /v1/events}, the subscription terminated, its final statement
 * checked line by line on the statements route and on tollgate.period-statements, then refunded in
 * part and in full.
 */
class SeedSuperAdminConsoleEndToEndTest {

    private static SeedPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = SeedPipeline.shared();
    }

    @Test
    void shouldBillSeatsOverageAddOnAndCouponInWholeRupiahAndRefundTheFinalStatement() {
        final String suffix = SeedPipeline.suffix();
        final String plan = "basic-" + suffix;
        final String coupon = "WELCOME-" + suffix;
        final String addOn = "extra-agent-" + suffix;
        final String customer = "tenant-" + suffix;
        final String subscription = "sub-console-" + suffix;
        final String sent = "message_sent-" + suffix;
        pipeline.create("/v1/meters", """
            {"code": "messages-%s", "event_type": "%s", "aggregation": "count"}""".formatted(suffix, sent));
        for (final String counted : List.of("contacts", "channels", "ai_agents")) {
            pipeline.create("/v1/meters", """
                {"code": "%1$s-%2$s", "event_type": "%1$s_changed-%2$s", "aggregation": "latest", "field": "total"}
                """.formatted(counted, suffix));
        }
        // base_price_monthly 299000, per_agent_price 99000, max_agents 10, max_messages_month 20 with
        // overage_message_price 125.5, max_contacts 5000, max_channels 3, max_ai_agents 2.
        pipeline.create("/v1/plans", """
            {"code": "%1$s", "name": "Basic", "currency": "IDR", "interval": "monthly", "amount": "299000",
             "seat_price": "99000", "max_seats": 10,
             "charges": [
               {"code": "messages", "meter": "messages-%2$s", "model": "graduated",
                "properties": {"graduated_ranges": [
                  {"from_value": 0, "to_value": 20, "per_unit_amount": "0", "flat_amount": "0"},
                  {"from_value": 20, "to_value": null, "per_unit_amount": "125.5", "flat_amount": "0"}]},
                "limit": {"units": "20", "enforce": false}, "thresholds": ["80", "100"]},
               {"code": "contacts", "meter": "contacts-%2$s", "model": "standard", "properties": {"amount": "0"},
                "limit": {"units": "5000", "enforce": true}},
               {"code": "channels", "meter": "channels-%2$s", "model": "standard", "properties": {"amount": "0"},
                "limit": {"units": "3", "enforce": true}},
               {"code": "ai_agents", "meter": "ai_agents-%2$s", "model": "standard", "properties": {"amount": "0"},
                "limit": {"units": "2", "enforce": true}}],
             "attributes": {"slug": "%1$s"},
             "features": {"ai_agent": true, "api_access": false, "dedicated_support": false},
             "status": "active", "sort_order": 1}
            """.formatted(plan, suffix));
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        pipeline.create("/v1/coupons", """
            {"code": "%s", "name": "Welcome", "coupon_type": "percentage", "percentage_rate": "10",
             "max_uses": 100, "valid_from": "%s", "valid_until": "%s", "plans": ["%s"], "active": true}
            """.formatted(coupon, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), plan));
        pipeline.create("/v1/addons", """
            {"code": "%s", "name": "Extra agent inbox", "currency": "IDR", "monthly_amount": "25000",
             "yearly_amount": "250000", "unit": "per_seat", "sort_order": 1}
            """.formatted(addOn));
        final Instant started = SeedPipeline.monthlyAnniversaryEndingTomorrow();
        pipeline.create("/v1/subscriptions", """
            {"id": "%s", "customer_id": "%s", "plan": "%s", "started_at": "%s", "billing_time": "anniversary",
             "seats": 3, "add_ons": [{"code": "%s", "quantity": 1}], "coupons": ["%s"]}
            """.formatted(subscription, customer, plan, started, addOn, coupon));

        for (int i = 1; i <= 23; i++) {
            pipeline.send(customer, "message-" + i, sent, "{}");
        }
        pipeline.send(customer, "contacts-1", "contacts_changed-" + suffix, "{\"total\":120}");
        pipeline.send(customer, "channels-1", "channels_changed-" + suffix, "{\"total\":2}");
        pipeline.send(customer, "ai_agents-1", "ai_agents_changed-" + suffix, "{\"total\":2}");
        // A third AI agent passes max_ai_agents 2: refused, and the count stays 2.
        pipeline.send(customer, "ai_agents-2", "ai_agents_changed-" + suffix, "{\"total\":3}");
        pipeline.awaitOutcome(customer, "ai_agents-2", "rejected", "LIMIT_EXCEEDED");
        // Past max_messages_month, which alerts but does not cap: billed as overage.
        pipeline.awaitOutcome(customer, "message-23", "rated", null);

        final Instant ended = pipeline.terminate(subscription);
        final JsonNode statement = pipeline.awaitStatementEndingAt(subscription, ended);

        final List<String> expected = List.of(
            // The period's last day is the termination day: whole-month prices, no pro-ration.
            "subscription " + plan + " 1 299000",
            // 3 agents x 99000 = 297000
            "seats seats 3 297000",
            // per agent: 1 x 3 seats x 25000 = 75000
            "add_on " + addOn + " 3 75000",
            // 23 messages, 20 included: 3 x 125.5 = 376.5, rounded half-up to whole rupiah = 377
            "usage messages 23 377",
            "usage contacts 120 0",
            "usage channels 2 0",
            "usage ai_agents 2 0",
            // subtotal 299000 + 297000 + 75000 + 377 = 671377; 10 % = 67137.7, half-up = 67138
            "coupon " + coupon + " 1 -67138");
        assertEquals(expected, SeedPipeline.lines(statement));
        assertEquals("671377", statement.get("subtotal").asText());
        // 671377 - 67138 = 604239
        assertEquals("604239", statement.get("total").asText());
        assertEquals("IDR", statement.get("currency").asText());

        final String statementId = statement.get("id").asText();
        final PeriodStatement published = pipeline.onTopic(subscription, statementId);
        assertEquals(expected, SeedPipeline.lines(published));
        assertEquals("604239", published.total().toPlainString());

        final String refunds = "/v1/subscriptions/" + subscription + "/refunds";
        final String partialBody = """
            {"id": "outage-%s", "statement_id": "%s", "amount": "100000", "reason": "outage on the 10th"}
            """.formatted(suffix, statementId);
        final TestHttp.Answer partial = pipeline.http().post(refunds, pipeline.admin(), partialBody);
        assertEquals(201, partial.status(), partial.body());
        assertEquals("100000", partial.json().get("amount").asText());
        // 604239 - 100000 = 504239 left
        assertEquals("504239", partial.json().get("remaining").asText());
        assertEquals("partially_refunded", partial.json().get("statement_status").asText());
        // The same request again (a retry) is the same refund, not a second one.
        final TestHttp.Answer retried = pipeline.http().post(refunds, pipeline.admin(), partialBody);
        assertEquals(201, retried.status(), retried.body());
        assertEquals("504239", retried.json().get("remaining").asText());

        // Without an amount: everything left, 504239.
        final TestHttp.Answer rest = pipeline.http().post(refunds, pipeline.admin(), """
            {"id": "closing-%s", "statement_id": "%s", "reason": "account closed"}""".formatted(suffix, statementId));
        assertEquals(201, rest.status(), rest.body());
        assertEquals("504239", rest.json().get("amount").asText());
        assertEquals("0", rest.json().get("remaining").asText());
        assertEquals("refunded", rest.json().get("statement_status").asText());
        final TestHttp.Answer nothingLeft = pipeline.http().post(refunds, pipeline.admin(), """
            {"id": "again-%s", "statement_id": "%s"}""".formatted(suffix, statementId));
        assertEquals(422, nothingLeft.status(), nothingLeft.body());

        final String lastRefund = statementId + "/refunds/closing-" + suffix;
        final List<String> adjustments = new ArrayList<>();
        for (final PeriodStatement record : pipeline.awaitOnTopic(subscription, lastRefund)) {
            if (record.isRefund()) {
                assertEquals(statementId, record.adjusts());
                adjustments.add(record.id() + " " + record.total().toPlainString() + " " + record.reason());
            }
        }
        assertEquals(List.of(
            statementId + "/refunds/outage-" + suffix + " -100000 outage on the 10th",
            lastRefund + " -504239 account closed"), adjustments);

        final List<String> listed = new ArrayList<>();
        for (final JsonNode entry : pipeline.http().get("/v1/subscriptions/" + subscription + "/statements",
            pipeline.admin()).json()) {
            if (statementId.equals(entry.path("adjusts").asText()) || statementId.equals(entry.get("id").asText())) {
                listed.add(entry.get("kind").asText() + " " + entry.get("total").asText());
            }
        }
        // The statement stands as issued; 604239 - 100000 - 504239 = 0 is left to pay.
        assertEquals(List.of("statement 604239", "refund -100000", "refund -504239"), listed);
    }
}
