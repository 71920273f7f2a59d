package dev.tollgate.rater.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A plan's feature flags answered as entitlements by the rater that owns the customer, from the plan
 * version in force now: on or off as the plan says, off for a feature only other plans declare, 404
 * for a name nobody declares, and a new version's flags as soon as it is in force.
 */
class FeatureEntitlementsTest {

    @Test
    void shouldAnswerFeatureFlagsFromThePlanVersionInForce() {
        final String unique = UUID.randomUUID().toString().substring(0, 8);
        final String meter = "bots-" + unique;
        final String otherMeter = "seats-" + unique;
        final String plan = "chat-" + unique;
        final String customer = "acme-" + unique;
        try (TopicWriter writer = new TopicWriter(); TestServer rater = RaterInstances.start("rater-features-" + unique)) {
            writer.send(Topics.METERS, meter, new Meter(meter, "Bots", "bots_" + unique, "latest", "count", Map.of()));
            writer.send(Topics.METERS, otherMeter, new Meter(otherMeter, "Seats", "seats_" + unique, "latest", "count",
                Map.of()));
            final Charge bots = new Charge("bots", meter, "standard", Map.of("amount", "0"), Map.of(), null, List.of());
            writer.send(Topics.PLANS, plan, plan(plan, version(1, Instant.EPOCH, bots,
                Map.of("premium_support_" + unique, true, "remove_branding_" + unique, false))));
            writer.send(Topics.PLANS, "enterprise-" + unique, plan("enterprise-" + unique, version(1, Instant.EPOCH,
                new Charge("seats", otherMeter, "standard", Map.of("amount", "1"), Map.of(), null, List.of()),
                Map.of("api_access_" + unique, true))));
            writer.send(Topics.SUBSCRIPTIONS, customer, new CustomerSubscriptions(customer, List.of(new Subscription(
                "sub-" + unique, customer, plan, null, Instant.parse("2026-01-01T00:00:00Z"), null, "calendar"))));
            final TestHttp http = rater.http();

            final JsonNode premium = entitlement(http, customer, "premium_support_" + unique, 200);
            assertEquals(true, premium.get("allowed").booleanValue(), premium.toString());
            assertEquals("plan", premium.get("source").textValue());
            assertEquals(plan, premium.get("plan").textValue());
            assertEquals(1, premium.get("plan_version").intValue());
            final TestHttp.Answer grouped = http.get("/v1/customers/" + customer + "/entitlements/premium_support_"
                + unique + "?group%5Bregion%5D=eu", TestServer.INGEST_KEY);
            assertEquals(422, grouped.status(), grouped.body());
            assertEquals("group[region]", grouped.json().get("errors").get(0).get("field").asText(),
                "a feature flag has no groups to ask about");
            final JsonNode branding = entitlement(http, customer, "remove_branding_" + unique, 200);
            assertEquals(false, branding.get("allowed").booleanValue());
            assertEquals("plan", branding.get("source").textValue());
            final JsonNode api = entitlement(http, customer, "api_access_" + unique, 200);
            assertEquals(false, api.get("allowed").booleanValue(), "off by default: only another plan declares it");
            assertEquals("default", api.get("source").textValue());

            final JsonNode quota = entitlement(http, customer, meter, 200);
            assertEquals(meter, quota.get("meter").textValue(), "a charged meter is answered as a meter");
            final TestHttp.Answer unknown = http.get("/v1/customers/" + customer + "/entitlements/premium_suport_"
                + unique, TestServer.INGEST_KEY);
            assertEquals(404, unknown.status(), unknown.body());
            assertTrue(unknown.body().contains("no plan declares a feature premium_suport_" + unique), unknown.body());
            final TestHttp.Answer uncharged = http.get("/v1/customers/" + customer + "/entitlements/" + otherMeter,
                TestServer.INGEST_KEY);
            assertEquals(404, uncharged.status(), uncharged.body());
            assertTrue(uncharged.body().contains("has no charge on meter " + otherMeter), uncharged.body());

            writer.send(Topics.PLANS, plan, plan(plan, version(1, Instant.EPOCH, bots,
                    Map.of("premium_support_" + unique, true, "remove_branding_" + unique, false)),
                version(2, Instant.now().minusSeconds(1), bots,
                    Map.of("premium_support_" + unique, true, "api_access_" + unique, true))));
            await().atMost(RaterInstances.DEADLINE).untilAsserted(() -> {
                final JsonNode upgraded = entitlement(http, customer, "api_access_" + unique, 200);
                assertEquals(true, upgraded.get("allowed").booleanValue(), upgraded.toString());
                assertEquals(2, upgraded.get("plan_version").intValue());
            });
            final JsonNode dropped = entitlement(http, customer, "remove_branding_" + unique, 200);
            assertEquals("default", dropped.get("source").textValue(), "version 2 leaves it out");
        }
    }

    private static Plan plan(final String code, final PlanVersion... versions) {
        return new Plan(code, Plan.PlanStatus.ACTIVE, List.of(versions));
    }

    private static PlanVersion version(final int number, final Instant effectiveFrom, final Charge charge,
                                       final Map<String, Boolean> features) {
        return new PlanVersion(number, effectiveFrom, "Chat", null, "monthly", "USD", BigDecimal.TEN, 0,
            List.of(charge), null, null, null, null, null, null, 0, null, false, null, null, null, features, null,
            Instant.now());
    }

    private static JsonNode entitlement(final TestHttp http, final String customer, final String name, final int status) {
        final TestHttp.Answer[] last = new TestHttp.Answer[1];
        await().atMost(RaterInstances.DEADLINE).until(() -> {
            last[0] = http.get("/v1/customers/" + customer + "/entitlements/" + name, TestServer.INGEST_KEY);
            return last[0].status() == status;
        });
        return last[0].json();
    }
}
