package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.rating.PeriodStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 (plan with fees) end to end: a plan whose recurring fee is billed in advance and whose
 * metered fee is a package of users, created through the API as docs/seed-mapping.md maps it
 * (interval unit and frequency, billing cycles, bill timing, package size, free units, unit label).
 * The first period's fee is billed when the subscription starts; usage is sent through
 * {@code POST /v1/events}; a termination on the first day bills the usage and credits the unused
 * days of the fee paid in advance. Both statements are checked line by line on the statements route
 * and on tollgate.period-statements.
 */
class SeedFeesEndToEndTest {

    private static SeedPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = SeedPipeline.shared();
    }

    @Test
    void shouldBillTheFirstPeriodsFeeInAdvanceAtTheStartAndCreditItsUnusedDaysOnTermination() {
        final String suffix = SeedPipeline.suffix();
        final String plan = "basic_plan-" + suffix;
        final String customer = "team-" + suffix;
        final String subscription = "sub-fees-" + suffix;
        final String active = "user_active-" + suffix;
        pipeline.create("/v1/meters", """
            {"code": "users-%s", "event_type": "%s", "aggregation": "unique_count", "field": "user_id"}
            """.formatted(suffix, active));
        // A recurring fee of 1400 billed in advance every 2 weeks (interval {unit: week, frequency: 2}),
        // for 6 billing cycles; a metered fee of 1000 per package of 2 users, none free.
        pipeline.create("/v1/plans", """
            {"status": "active", "code": "%1$s", "name": "Basic Plan", "description": "Basic plan for users",
             "invoice_display_name": "Basic Plan", "currency": "NGN", "interval": "weekly", "frequency": 2,
             "billing_cycles": 6, "bill_timing": "in_advance", "amount": "1400",
             "charges": [
               {"code": "users", "meter": "users-%2$s", "name": "Active users", "invoice_display_name": "Users",
                "model": "package", "unit_label": "user",
                "properties": {"amount": "1000", "package_size": 2, "free_units": 0}}]}
            """.formatted(plan, suffix));
        final JsonNode created = pipeline.create("/v1/subscriptions", """
            {"id": "%s", "customer_id": "%s", "plan": "%s", "billing_time": "anniversary"}
            """.formatted(subscription, customer, plan));
        final Instant started = Instant.parse(created.get("started_at").asText());
        // Anniversary periods start on the start date: the first period is 14 whole days from today,
        // the start day counting whole, so the fee billed in advance is not pro-rated.
        final JsonNode opening = pipeline.awaitOpening(subscription);
        final List<String> billedAtStart = List.of("subscription " + plan + " 1 1400.00");
        assertEquals(billedAtStart, SeedPipeline.lines(opening));
        assertEquals("1400.00", opening.get("total").asText());
        assertEquals(started, Instant.parse(opening.get("period").get("start").asText()));
        assertEquals(billedAtStart, SeedPipeline.lines(pipeline.onTopic(subscription, opening.get("id").asText())));

        pipeline.send(customer, "login-1", active, "{\"user_id\":\"ada\"}");
        pipeline.send(customer, "login-2", active, "{\"user_id\":\"grace\"}");
        pipeline.send(customer, "login-3", active, "{\"user_id\":\"ada\"}");
        pipeline.send(customer, "login-4", active, "{\"user_id\":\"linus\"}");
        pipeline.awaitOutcome(customer, "login-4", "rated", null);

        final Instant ended = pipeline.terminate(subscription);
        final JsonNode closing = pipeline.awaitStatementEndingAt(subscription, ended);

        final List<String> expected = List.of(
            // The fee paid in advance covered 14 days; the subscription used 1 (the termination day
            // counts): 13 unused days credited, 1400 x 13 / 14 = 1300.00
            "advance_credit " + plan + " 1 -1300.00",
            // ada, grace, linus = 3 distinct users: ceil(3 / 2) = 2 packages x 1000 = 2000.00
            "usage users 3 2000.00");
        assertEquals(expected, SeedPipeline.lines(closing));
        // 2000.00 - 1300.00 = 700.00
        assertEquals("700.00", closing.get("total").asText());

        final PeriodStatement published = pipeline.onTopic(subscription, closing.get("id").asText());
        assertEquals(expected, SeedPipeline.lines(published));
        assertEquals("700.00", published.total().toPlainString());
    }
}
