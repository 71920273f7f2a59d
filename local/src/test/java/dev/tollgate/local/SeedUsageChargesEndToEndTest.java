package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.rating.PeriodStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 (plan with usage charges) end to end: a weekly plan with a trial and a charge of every
 * model the page lists (custom as an expression), created through the API as
 * docs/seed-mapping.md maps it, including a filtered charge beside the default charge of the same
 * meter; usage through {@code POST /v1/events}, the subscription terminated, and its final
 * statement checked line by line on the statements route and on tollgate.period-statements.
 */
class SeedUsageChargesEndToEndTest {

    private static SeedPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = SeedPipeline.shared();
    }

    @Test
    void shouldBillEveryChargeModelAndLeaveTheDefaultChargeOnlyTheEventsNoFilterMatched() {
        final String suffix = SeedPipeline.suffix();
        final String plan = "usage-" + suffix;
        final String customer = "api-customer-" + suffix;
        final String subscription = "sub-usage-" + suffix;
        meter("api_calls", "api_call", "count", null, suffix);
        meter("storage_gb", "storage_used", "sum", "gb", suffix);
        meter("export_rows", "export", "sum", "rows", suffix);
        meter("payments", "payment", "sum", "amount", suffix);
        meter("transfers", "transfer", "sum", "amount", suffix);
        meter("partner_calls", "partner_call", "sum", "quantity", suffix);
        meter("backup_gb", "backup", "sum", "gb", suffix);
        // amount_cents 1400 = 14.00 USD a week, trial_period_days 2.
        pipeline.create("/v1/plans", """
            {"code": "%1$s", "name": "Usage", "description": "Every charge model", "interval": "weekly",
             "amount": "14.00", "currency": "USD", "trial_days": 2,
             "charges": [
               {"code": "calls_eu", "meter": "api_calls-%2$s", "model": "standard",
                "properties": {"amount": "0.05"}, "filters": {"region": ["eu"]},
                "invoice_display_name": "API calls (EU)"},
               {"code": "calls", "meter": "api_calls-%2$s", "model": "graduated",
                "invoice_display_name": "API calls",
                "properties": {"graduated_ranges": [
                  {"from_value": 0, "to_value": 5, "per_unit_amount": "0.10", "flat_amount": "1.00"},
                  {"from_value": 5, "to_value": null, "per_unit_amount": "0.05", "flat_amount": "0"}]}},
               {"code": "storage", "meter": "storage_gb-%2$s", "model": "volume",
                "properties": {"volume_ranges": [
                  {"from_value": 0, "to_value": 100, "per_unit_amount": "2", "flat_amount": "1"},
                  {"from_value": 101, "to_value": null, "per_unit_amount": "1.5", "flat_amount": "0"}]}},
               {"code": "exports", "meter": "export_rows-%2$s", "model": "package",
                "properties": {"amount": "5", "package_size": 100, "free_units": 50}},
               {"code": "card_fee", "meter": "payments-%2$s", "model": "percentage",
                "properties": {"rate": "2.5", "fixed_amount": "0.25", "free_units_per_events": 1,
                               "per_transaction_min_amount": "0.50", "per_transaction_max_amount": "10"}},
               {"code": "fx_fee", "meter": "transfers-%2$s", "model": "graduated_percentage",
                "properties": {"graduated_percentage_ranges": [
                  {"from_value": 0, "to_value": 1000, "rate": "1", "flat_amount": "0.50"},
                  {"from_value": 1000, "to_value": null, "rate": "0.5", "flat_amount": "1.00"}]}},
               {"code": "partner", "meter": "partner_calls-%2$s", "model": "dynamic", "properties": {}},
               {"code": "backups", "meter": "backup_gb-%2$s", "model": "custom",
                "properties": {"expression": "MAX(floor, units * rate)",
                               "variables": {"rate": "0.02", "floor": "5"}}}]}
            """.formatted(plan, suffix));
        // Anniversary weeks start on the start date: started six days ago, the week's last day is today,
        // so a termination today ends the week on its seventh day whatever day the test runs.
        final Instant started = LocalDate.now(ZoneOffset.UTC).minusDays(6).atStartOfDay(ZoneOffset.UTC).toInstant();
        pipeline.create("/v1/subscriptions", """
            {"id": "%s", "customer_id": "%s", "plan": "%s", "started_at": "%s", "billing_time": "anniversary"}
            """.formatted(subscription, customer, plan, started));

        // 4 calls in the EU, 5 in the US, 2 without a region: the filter takes 4, the default the other 7.
        for (int i = 1; i <= 4; i++) {
            pipeline.send(customer, "eu-" + i, "api_call-" + suffix, "{\"region\":\"eu\"}");
        }
        for (int i = 1; i <= 5; i++) {
            pipeline.send(customer, "us-" + i, "api_call-" + suffix, "{\"region\":\"us\"}");
        }
        for (int i = 1; i <= 2; i++) {
            pipeline.send(customer, "anywhere-" + i, "api_call-" + suffix, "{}");
        }
        pipeline.send(customer, "storage-1", "storage_used-" + suffix, "{\"gb\":60}");
        pipeline.send(customer, "storage-2", "storage_used-" + suffix, "{\"gb\":50}");
        pipeline.send(customer, "export-1", "export-" + suffix, "{\"rows\":120}");
        pipeline.send(customer, "export-2", "export-" + suffix, "{\"rows\":80}");
        pipeline.send(customer, "payment-1", "payment-" + suffix, "{\"amount\":10}");
        pipeline.send(customer, "payment-2", "payment-" + suffix, "{\"amount\":4}");
        pipeline.send(customer, "payment-3", "payment-" + suffix, "{\"amount\":100}");
        pipeline.send(customer, "payment-4", "payment-" + suffix, "{\"amount\":1000}");
        pipeline.send(customer, "transfer-1", "transfer-" + suffix, "{\"amount\":800}");
        pipeline.send(customer, "transfer-2", "transfer-" + suffix, "{\"amount\":700}");
        pipeline.send(customer, "partner-1", "partner_call-" + suffix,
            "{\"quantity\":2,\"precise_total_amount_cents\":\"1234.5\"}");
        pipeline.send(customer, "partner-2", "partner_call-" + suffix,
            "{\"quantity\":1,\"precise_total_amount_cents\":80.2}");
        pipeline.send(customer, "backup-1", "backup-" + suffix, "{\"gb\":200}");
        pipeline.send(customer, "backup-2", "backup-" + suffix, "{\"gb\":\"223.45\"}");
        pipeline.awaitOutcome(customer, "partner-2", "rated", null);
        pipeline.awaitOutcome(customer, "backup-2", "rated", null);

        final Instant ended = pipeline.terminate(subscription);
        final JsonNode statement = pipeline.awaitStatementEndingAt(subscription, ended);

        final List<String> expected = List.of(
            // The trial takes the week's first 2 days: 5 of 7 days billable, 14.00 x 5 / 7 = 10.00
            "subscription " + plan + " 1 10.00",
            // standard, EU slice: 4 x 0.05 = 0.20
            "usage calls_eu 4 0.20",
            // graduated default, the 7 calls no filter took: 5 x 0.10 + 1.00 flat + 2 x 0.05 = 1.60
            // (billing all 11 would be 0.50 + 1.00 + 6 x 0.05 = 1.80)
            "usage calls 7 1.60",
            // volume: 60 + 50 = 110 GB falls in 101.., every GB at 1.5: 165.00
            "usage storage 110 165.00",
            // package: 120 + 80 = 200 rows, 50 free, ceil(150 / 100) = 2 packages x 5 = 10.00
            "usage exports 200 10.00",
            // percentage, event by event: 10 is the free event; 4 x 2.5 % + 0.25 = 0.35, raised to the
            // 0.50 minimum; 100 x 2.5 % + 0.25 = 2.75; 1000 x 2.5 % + 0.25 = 25.25, capped at 10:
            // 0.50 + 2.75 + 10 = 13.25
            "usage card_fee 1114 13.25",
            // graduated_percentage: 800 + 700 = 1500 = 1000 x 1 % + 0.50 + 500 x 0.5 % + 1.00 = 14.00
            "usage fx_fee 1500 14.00",
            // dynamic: the events' own amounts, 1234.5 + 80.2 = 1314.7 cents = 13.147, rounded 13.15
            "usage partner 3 13.15",
            // custom, MAX(floor, units * rate): 200 GB cost the floor of 5 (not 4.00), then
            // 423.45 x 0.02 = 8.469 for the period, rounded 8.47
            "usage backups 423.45 8.47");
        assertEquals(expected, SeedPipeline.lines(statement));
        // 10.00 + 0.20 + 1.60 + 165.00 + 10.00 + 13.25 + 14.00 + 13.15 + 8.47 = 235.67
        assertEquals("235.67", statement.get("subtotal").asText());
        assertEquals("235.67", statement.get("total").asText());

        final PeriodStatement published = pipeline.onTopic(subscription, statement.get("id").asText());
        assertEquals(expected, SeedPipeline.lines(published));
        assertEquals("235.67", published.total().toPlainString());
        assertEquals(ended, published.period().end());
    }

    private static void meter(final String code, final String eventType, final String aggregation,
                              final String field, final String suffix) {
        pipeline.create("/v1/meters", """
            {"code": "%s-%s", "event_type": "%s-%s", "aggregation": "%s"%s}
            """.formatted(code, suffix, eventType, suffix, aggregation,
            field == null ? "" : ", \"field\": \"" + field + "\""));
    }
}
