package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.rating.PeriodStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (voice bot vendor plan) end to end: the page's "Standard Tier" created through the API as
 * docs/seed-mapping.md maps it (one call_seconds meter, an inbound and an outbound charge on its
 * direction slices, each a graduated charge of included and overuse seconds with its own limit),
 * calls sent through {@code POST /v1/events}, the subscription terminated, and its final statement
 * checked line by line on the statements route and on tollgate.period-statements.
 */
class SeedVoiceBotEndToEndTest {

    private static SeedPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = SeedPipeline.shared();
    }

    @Test
    void shouldBillIncludedAndOveruseSecondsPerDirectionAndRejectCallsPastTheEnforcedInboundLimit() {
        final String suffix = SeedPipeline.suffix();
        final String meter = "call_seconds-" + suffix;
        final String callEnded = "call_ended-" + suffix;
        final String plan = "standard-tier-" + suffix;
        final String customer = "vendor-customer-" + suffix;
        final String subscription = "sub-voice-" + suffix;
        pipeline.create("/v1/meters", """
            {"code": "%s", "name": "Call seconds", "event_type": "%s", "aggregation": "sum", "field": "seconds"}
            """.formatted(meter, callEnded));
        // The seed's example: includedInboundSeconds 1000 at inboundSecondPriceCent 2, overuse 3 cents,
        // inboundSecondsLimit 5000 enforced; includedOutboundSeconds 500 at 4 cents, overuse 5 cents,
        // outboundSecondsLimit 2000 not enforced; baseRecurringPriceCent 1000 = 10.00 USD a month.
        pipeline.create("/v1/plans", """
            {"code": "%1$s", "name": "Standard Tier", "interval": "monthly", "currency": "USD", "amount": "10.00",
             "charges": [
               {"code": "inbound", "meter": "%2$s", "model": "graduated", "filters": {"direction": ["inbound"]},
                "properties": {"graduated_ranges": [
                  {"from_value": 0, "to_value": 1000, "per_unit_amount": "0.02", "flat_amount": "0"},
                  {"from_value": 1000, "to_value": null, "per_unit_amount": "0.03", "flat_amount": "0"}]},
                "limit": {"units": "5000", "enforce": true}, "unit_label": "second"},
               {"code": "outbound", "meter": "%2$s", "model": "graduated", "filters": {"direction": ["outbound"]},
                "properties": {"graduated_ranges": [
                  {"from_value": 0, "to_value": 500, "per_unit_amount": "0.04", "flat_amount": "0"},
                  {"from_value": 500, "to_value": null, "per_unit_amount": "0.05", "flat_amount": "0"}]},
                "limit": {"units": "2000", "enforce": false}, "unit_label": "second"}]}
            """.formatted(plan, meter));
        final Instant started = SeedPipeline.monthlyAnniversaryEndingTomorrow();
        pipeline.create("/v1/subscriptions", """
            {"id": "%s", "customer_id": "%s", "plan": "%s", "started_at": "%s", "billing_time": "anniversary"}
            """.formatted(subscription, customer, plan, started));

        call(customer, "in-1", callEnded, "inbound", 600);
        call(customer, "in-2", callEnded, "inbound", 700);
        // 1300 + 3800 = 5100 inbound seconds: past the enforced 5000, so refused and never counted.
        call(customer, "in-3", callEnded, "inbound", 3800);
        // 1300 + 3700 = 5000: at the limit, not past it.
        call(customer, "in-4", callEnded, "inbound", 3700);
        call(customer, "out-1", callEnded, "outbound", 400);
        call(customer, "out-2", callEnded, "outbound", 300);
        // 700 + 1500 = 2200 outbound seconds: past 2000, which is not enforced, so billed (and alerted).
        call(customer, "out-3", callEnded, "outbound", 1500);
        pipeline.awaitOutcome(customer, "in-3", "rejected", "LIMIT_EXCEEDED");
        pipeline.awaitOutcome(customer, "in-4", "rated", null);
        pipeline.awaitOutcome(customer, "out-3", "rated", null);

        final Instant ended = pipeline.terminate(subscription);
        final JsonNode statement = pipeline.awaitStatementEndingAt(subscription, ended);

        final List<String> expected = List.of(
            // The period's last day is the termination day: the whole month's base price.
            "subscription " + plan + " 1 10.00",
            // 600 + 700 + 3700 = 5000 s = 1000 x 0.02 + 4000 x 0.03 = 20 + 120 = 140.00
            "usage inbound 5000 140.00",
            // 400 + 300 + 1500 = 2200 s = 500 x 0.04 + 1700 x 0.05 = 20 + 85 = 105.00
            "usage outbound 2200 105.00");
        assertEquals(expected, SeedPipeline.lines(statement));
        // 10.00 + 140.00 + 105.00 = 255.00
        assertEquals("255.00", statement.get("subtotal").asText());
        assertEquals("255.00", statement.get("total").asText());
        assertEquals("USD", statement.get("currency").asText());
        assertEquals(true, statement.get("final").asBoolean());

        final PeriodStatement published = pipeline.onTopic(subscription, statement.get("id").asText());
        assertEquals(expected, SeedPipeline.lines(published));
        assertEquals("255.00", published.total().toPlainString());
        assertEquals(ended, published.period().end());
    }

    private static void call(final String customer, final String id, final String type, final String direction,
                             final int seconds) {
        pipeline.send(customer, id, type, "{\"direction\":\"" + direction + "\",\"seconds\":" + seconds + "}");
    }
}
