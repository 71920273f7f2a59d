package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who is on a plan: the plan's subscriptions listed, and those in force now counted on the plan. */
class PlanSubscribersTest {

    private static TestServer server;
    private static TestHttp http;

    private String suffix;
    private String plan;

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
    void createPlans() {
        suffix = unique("subscribers");
        plan = "team-" + suffix;
        for (final String code : List.of(plan, "other-" + suffix)) {
            create(http, "/v1/plans", """
                {"code": "%s", "name": "Team", "interval": "monthly", "currency": "USD", "amount": "20",
                 "lookup_key": "key-%s"}""".formatted(code, code));
        }
    }

    @Test
    void shouldCountOnlyTheSubscriptionsInForceNow() {
        final Instant lastMonth = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        final Instant nextWeek = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(0, get(http, "/v1/plans/" + plan).get("active_subscriptions").asInt());
        subscribe("started", "a", plan, lastMonth);
        subscribe("ended", "b", plan, lastMonth.plusSeconds(60));
        subscribe("future", "c", plan, nextWeek);
        subscribe("elsewhere", "d", "other-" + suffix, lastMonth);
        assertEquals(200, http.delete("/v1/subscriptions/ended-" + suffix, ADMIN).status());

        assertEquals(1, get(http, "/v1/plans/" + plan).get("active_subscriptions").asInt());
        final JsonNode listed = get(http, "/v1/plans?lookup_key=key-" + plan);
        assertEquals(1, listed.get(0).get("active_subscriptions").asInt());
        assertEquals(1, get(http, "/v1/plans/other-" + suffix).get("active_subscriptions").asInt());
        assertTrue(get(http, "/v1/plans/" + plan + "/versions/1").path("active_subscriptions").isMissingNode(),
            "a version's answer carries no count of the plan");

        try (TestServer restarted = CatalogApi.start()) {
            assertEquals(1, get(restarted.http(), "/v1/plans/" + plan).get("active_subscriptions").asInt(),
                "an instance that read the catalog from the topics counts the same");
        }
    }

    @Test
    void shouldListTheSubscriptionsOnAPlanOldestFirst() {
        final Instant lastMonth = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        subscribe("second", "a", plan, lastMonth.plusSeconds(60));
        subscribe("first", "b", plan, lastMonth);
        subscribe("elsewhere", "a", "other-" + suffix, lastMonth.plusSeconds(120));
        assertEquals(200, http.delete("/v1/subscriptions/first-" + suffix, ADMIN).status());

        assertEquals(List.of("first-" + suffix, "second-" + suffix), ids(get(http, "/v1/subscriptions?plan=" + plan)),
            "ended subscriptions are listed too");
        assertEquals(List.of("second-" + suffix),
            ids(get(http, "/v1/subscriptions?plan=" + plan + "&customer_id=a-" + suffix)));
        assertEquals(List.of("second-" + suffix, "elsewhere-" + suffix),
            ids(get(http, "/v1/subscriptions?customer_id=a-" + suffix)));
    }

    @Test
    void shouldRefuseAListingWithoutAFilterOrWithAnUnknownOne() {
        refused("/v1/subscriptions", "customer_id");
        refused("/v1/subscriptions?plan=nobody-" + suffix, "plan");
        refused("/v1/subscriptions?plan_code=" + plan, "plan_code");
        refused("/v1/subscriptions?plan=" + plan + "&plan=other-" + suffix, "plan");
    }

    private void subscribe(final String id, final String customer, final String planCode, final Instant startedAt) {
        create(http, "/v1/subscriptions", """
            {"id": "%1$s-%2$s", "customer_id": "%3$s-%2$s", "plan": "%4$s", "started_at": "%5$s"}"""
            .formatted(id, suffix, customer, planCode, startedAt));
    }

    private static void refused(final String path, final String field) {
        final TestHttp.Answer answer = http.get(path, ADMIN);
        assertEquals(422, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElse(""), answer.body());
        final List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertEquals(List.of(field), fields, answer.body());
    }

    private static List<String> ids(final JsonNode subscriptions) {
        final List<String> ids = new ArrayList<>();
        subscriptions.forEach(subscription -> ids.add(subscription.get("id").asText()));
        return ids;
    }
}
