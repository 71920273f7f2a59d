package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.assertReadBackEqual;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.json;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions: seats, add-ons and coupons; plan changes at an instant; termination. */
class SubscriptionLifecycleTest {

    private static TestServer server;
    private static TestHttp http;

    private String suffix;
    private String customer;

    @BeforeAll
    static void start() {
        server = CatalogApi.start();
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void createCatalog() {
        suffix = unique("subs");
        customer = "customer-" + suffix;
        for (final String plan : List.of("team", "business")) {
            create(http, "/v1/plans", """
                {"code": "%s-%s", "name": "%s", "interval": "monthly", "currency": "USD", "amount": "20",
                 "seat_price": "5", "max_seats": 5}""".formatted(plan, suffix, plan));
        }
        create(http, "/v1/addons", """
            {"code": "support-%s", "name": "Support", "currency": "USD", "monthly_amount": "30"}""".formatted(suffix));
        create(http, "/v1/coupons", """
            {"code": "TEAM10-%1$s", "coupon_type": "percentage", "percentage_rate": 10, "plans": ["team-%1$s"]}
            """.formatted(suffix));
    }

    @Test
    void shouldSubscribeWithSeatsAddOnsAndCouponsAndWriteTheCustomerRecord() {
        final JsonNode subscription = json("""
            {"id": "sub-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "plan_version": 1,
             "started_at": "2026-01-15T10:00:00Z", "billing_time": "anniversary", "seats": 3,
             "add_ons": [{"code": "support-%1$s", "quantity": 2}], "coupons": ["TEAM10-%1$s"]}
            """.formatted(suffix, customer));

        assertReadBackEqual(subscription, create(http, "/v1/subscriptions", subscription.toString()));
        assertReadBackEqual(subscription, get(http, "/v1/subscriptions/sub-" + suffix));
        final List<CustomerSubscriptions> records = CatalogApi.readTopic(Topics.SUBSCRIPTIONS, customer);
        assertEquals(1, records.size());
        assertEquals(3, records.get(0).byId("sub-" + suffix).orElseThrow().seats());

        final TestHttp.Answer duplicate = http.post("/v1/subscriptions", ADMIN, subscription.toString());
        assertEquals(409, duplicate.status(), duplicate.body());
        final TestHttp.Answer invalid = http.post("/v1/subscriptions", ADMIN, """
            {"id": "other-%1$s", "customer_id": "%2$s", "plan": "business-%1$s", "seats": 6,
             "add_ons": [{"code": "nope-%1$s"}], "coupons": ["TEAM10-%1$s"], "billing_time": "weekly"}
            """.formatted(suffix, customer));
        assertEquals(422, invalid.status(), invalid.body());
        assertEquals(List.of("billing_time", "seats", "add_ons[0].code", "coupons[0]"), fields(invalid));
    }

    @Test
    void shouldChangeThePlanAtAnInstantAndTerminateWithTheScheduledChange() {
        create(http, "/v1/subscriptions", """
            {"id": "sub-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "seats": 2}
            """.formatted(suffix, customer));
        final Instant at = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);

        final JsonNode upgraded = create(http, "/v1/subscriptions/sub-" + suffix + "/plan-change", """
            {"id": "sub-%1$s-business", "plan": "business-%1$s", "at": "%2$s", "seats": 4}
            """.formatted(suffix, at));

        assertEquals("sub-" + suffix, upgraded.get("previous_id").asText());
        assertEquals(at, Instant.parse(upgraded.get("started_at").asText()));
        assertEquals(4, upgraded.get("seats").asInt());
        assertEquals(at, Instant.parse(get(http, "/v1/subscriptions/sub-" + suffix).get("ended_at").asText()));
        final List<CustomerSubscriptions> records = CatalogApi.readTopic(Topics.SUBSCRIPTIONS, customer);
        final CustomerSubscriptions latest = records.get(records.size() - 1);
        assertEquals("team-" + suffix, latest.activeAt(at.minusSeconds(1)).orElseThrow().plan());
        assertEquals("business-" + suffix, latest.activeAt(at).orElseThrow().plan());
        assertEquals(2, get(http, "/v1/subscriptions?customer_id=" + customer).size());

        final Instant beforeTermination = Instant.now();
        final TestHttp.Answer terminated = http.delete("/v1/subscriptions/sub-" + suffix, ADMIN);
        assertEquals(200, terminated.status(), terminated.body());
        final Instant endedAt = Instant.parse(terminated.json().get("ended_at").asText());
        assertFalse(endedAt.isBefore(beforeTermination), "terminated now, not at the scheduled change");
        assertTrue(endedAt.isBefore(at));
        assertEquals(404, http.get("/v1/subscriptions/sub-" + suffix + "-business", ADMIN).status(),
            "the scheduled successor never starts");
        assertEquals(409, http.delete("/v1/subscriptions/sub-" + suffix, ADMIN).status(), "already ended");
    }

    @Test
    void shouldChangeThePlanNowByDefaultAndKeepTheTerms() {
        create(http, "/v1/subscriptions", """
            {"id": "sub-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "seats": 2,
             "started_at": "2026-01-01T00:00:00Z", "add_ons": [{"code": "support-%1$s"}]}
            """.formatted(suffix, customer));

        final JsonNode moved = create(http, "/v1/subscriptions/sub-" + suffix + "/plan-change", """
            {"plan": "business-%s"}""".formatted(suffix));

        assertEquals(2, moved.get("seats").asInt());
        assertEquals("support-" + suffix, moved.get("add_ons").get(0).get("code").asText());
        assertEquals(moved.get("started_at"), get(http, "/v1/subscriptions/sub-" + suffix).get("ended_at"));
        final TestHttp.Answer again = http.post("/v1/subscriptions/sub-" + suffix + "/plan-change", ADMIN, """
            {"plan": "team-%s"}""".formatted(suffix));
        assertEquals(409, again.status(), "an ended subscription changes no more: its successor does");
    }

    @Test
    void shouldPayOnlyAMonthlyPlanYearlyAndKeepItThroughAPlanChange() {
        create(http, "/v1/plans", """
            {"code": "weekly-%s", "name": "Weekly", "interval": "weekly", "currency": "USD", "amount": "5"}
            """.formatted(suffix));
        create(http, "/v1/plans", """
            {"code": "bimonthly-%s", "name": "Every two months", "interval": "monthly", "frequency": 2,
             "currency": "USD", "amount": "20", "yearly_amount": "100"}""".formatted(suffix));
        final JsonNode yearly = json("""
            {"id": "sub-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "billing_interval": "yearly",
             "started_at": "2026-01-15T10:00:00Z"}""".formatted(suffix, customer));

        assertReadBackEqual(yearly, create(http, "/v1/subscriptions", yearly.toString()));
        assertTrue(CatalogApi.readTopic(Topics.SUBSCRIPTIONS, customer).get(0).byId("sub-" + suffix).orElseThrow()
            .paysYearly());

        for (final String plan : List.of("weekly", "bimonthly")) {
            final TestHttp.Answer refused = http.post("/v1/subscriptions", ADMIN, """
                {"id": "other-%1$s", "customer_id": "%2$s", "plan": "%3$s-%1$s", "billing_interval": "yearly"}
                """.formatted(suffix, customer, plan));
            assertEquals(422, refused.status(), refused.body());
            assertEquals(List.of("billing_interval"), fields(refused));
        }
        final TestHttp.Answer unknown = http.post("/v1/subscriptions", ADMIN, """
            {"id": "other-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "billing_interval": "daily"}
            """.formatted(suffix, customer));
        assertEquals(422, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("unknown billing interval 'daily'"), unknown.body());

        // A plan change keeps paying yearly; to a plan that cannot be paid so, it says how to stop
        final Instant at = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        final JsonNode moved = create(http, "/v1/subscriptions/sub-" + suffix + "/plan-change", """
            {"id": "sub-%1$s-business", "plan": "business-%1$s", "at": "%2$s"}""".formatted(suffix, at));
        assertEquals("yearly", moved.get("billing_interval").asText());
        final TestHttp.Answer carried = http.post("/v1/subscriptions/sub-" + suffix + "-business/plan-change",
            ADMIN, """
            {"plan": "weekly-%s", "at": "%s"}""".formatted(suffix, at.plus(Duration.ofDays(1))));
        assertEquals(422, carried.status(), carried.body());
        assertTrue(carried.json().get("errors").get(0).get("message").asText()
            .contains("send \"billing_interval\": null"), carried.body());
        final JsonNode weekly = create(http, "/v1/subscriptions/sub-" + suffix + "-business/plan-change", """
            {"id": "sub-%1$s-weekly", "plan": "weekly-%1$s", "billing_interval": null, "at": "%2$s"}
            """.formatted(suffix, at.plus(Duration.ofDays(1))));
        assertFalse(weekly.has("billing_interval"), weekly.toString());
    }

    @Test
    void shouldKeepASubscriptionsOwnSpendLimitAcrossAPlanChangeUntilDropped() {
        final JsonNode capped = json("""
            {"id": "sub-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "spend_limit": "250.00",
             "started_at": "2026-01-15T10:00:00Z"}""".formatted(suffix, customer));
        assertReadBackEqual(capped, create(http, "/v1/subscriptions", capped.toString()));
        assertEquals(0, new BigDecimal("250").compareTo(CatalogApi.readTopic(Topics.SUBSCRIPTIONS, customer)
            .get(0).byId("sub-" + suffix).orElseThrow().spendLimit()));

        for (final String limit : List.of("\"-1\"", "true", "\"a lot\"")) {
            final TestHttp.Answer refused = http.post("/v1/subscriptions", ADMIN, """
                {"id": "other-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "spend_limit": %3$s}
                """.formatted(suffix, customer, limit));
            assertEquals(422, refused.status(), refused.body());
            assertEquals(List.of("spend_limit"), fields(refused), refused.body());
        }

        final Instant at = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        final JsonNode moved = create(http, "/v1/subscriptions/sub-" + suffix + "/plan-change", """
            {"id": "sub-%1$s-business", "plan": "business-%1$s", "at": "%2$s"}""".formatted(suffix, at));
        assertEquals("250.00", moved.get("spend_limit").asText());
        final JsonNode dropped = create(http, "/v1/subscriptions/sub-" + suffix + "-business/plan-change", """
            {"id": "sub-%1$s-team", "plan": "team-%1$s", "spend_limit": null, "at": "%2$s"}
            """.formatted(suffix, at.plus(Duration.ofDays(1))));
        assertFalse(dropped.has("spend_limit"), dropped.toString());
    }

    @Test
    void shouldTakeASubscriptionsOwnSpendThresholdsAndRefuseBadOnes() {
        final JsonNode own = json("""
            {"id": "sub-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "spend_thresholds": ["50", "100.00"],
             "started_at": "2026-01-15T10:00:00Z"}""".formatted(suffix, customer));
        assertReadBackEqual(own, create(http, "/v1/subscriptions", own.toString()));
        assertEquals(List.of(new BigDecimal("50"), new BigDecimal("100.00")), CatalogApi.readTopic(
            Topics.SUBSCRIPTIONS, customer).get(0).byId("sub-" + suffix).orElseThrow().spendThresholds());
        final TestHttp.Answer descending = http.post("/v1/subscriptions", ADMIN, """
            {"id": "other-%1$s", "customer_id": "%2$s", "plan": "team-%1$s", "spend_thresholds": ["100", "50"]}
            """.formatted(suffix, customer));
        assertEquals(422, descending.status(), descending.body());
        assertEquals(List.of("spend_thresholds[1]"), fields(descending));
    }

    private static List<String> fields(final TestHttp.Answer answer) {
        final List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
