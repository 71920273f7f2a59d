package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans named by lookup key or as their group's default: found by them, and subscribed to by them. */
class PlanKeysTest {

    private static final TestHttp http = CatalogApi.shared().http();

    private String suffix;
    private String group;

    @BeforeEach
    void names() {
        suffix = unique("keys");
        group = "group-" + suffix;
    }

    @Test
    void shouldFindAPlanByItsLookupKeyAndSubscribeByIt() {
        plan("pro-" + suffix, ", \"lookup_key\": \"pro-key-" + suffix + "\"");
        plan("basic-" + suffix, ", \"lookup_key\": \"basic-key-" + suffix + "\"");

        final JsonNode found = get(http, "/v1/plans?lookup_key=pro-key-" + suffix);
        assertEquals(1, found.size());
        assertEquals("pro-" + suffix, found.get(0).get("code").asText());
        assertEquals("pro-key-" + suffix, found.get(0).get("lookup_key").asText());
        assertEquals(0, get(http, "/v1/plans?lookup_key=nobody-" + suffix).size());

        final JsonNode subscribed = create(http, "/v1/subscriptions", """
            {"id": "sub-%1$s", "customer_id": "customer-%1$s", "plan_lookup_key": "pro-key-%1$s"}
            """.formatted(suffix));
        assertEquals("pro-" + suffix, subscribed.get("plan").asText());
        final JsonNode read = get(http, "/v1/subscriptions/sub-" + suffix);
        assertEquals("pro-" + suffix, read.get("plan").asText());
        assertTrue(read.path("plan_lookup_key").isMissingNode(), "stored as the code: " + read);

        create(http, "/v1/subscriptions", """
            {"id": "both-%1$s", "customer_id": "other-%1$s", "plan": "pro-%1$s", "plan_lookup_key": "pro-key-%1$s"}
            """.formatted(suffix));
        refused(422, "plan_lookup_key", """
            {"id": "clash-%1$s", "customer_id": "third-%1$s", "plan": "basic-%1$s", "plan_lookup_key": "pro-key-%1$s"}
            """.formatted(suffix));
        refused(422, "plan_lookup_key", """
            {"id": "lost-%1$s", "customer_id": "third-%1$s", "plan_lookup_key": "nobody-%1$s"}
            """.formatted(suffix));
        assertEquals(404, http.get("/v1/subscriptions/clash-" + suffix, ADMIN).status());
    }

    @Test
    void shouldChangeToAPlanByItsLookupKey() {
        plan("old-" + suffix, "");
        plan("new-" + suffix, ", \"lookup_key\": \"new-key-" + suffix + "\"");
        create(http, "/v1/subscriptions", """
            {"id": "sub-%1$s", "customer_id": "customer-%1$s", "plan": "old-%1$s"}""".formatted(suffix));

        final JsonNode changed = create(http, "/v1/subscriptions/sub-" + suffix + "/plan-change", """
            {"id": "next-%1$s", "plan_lookup_key": "new-key-%1$s"}""".formatted(suffix));

        assertEquals("new-" + suffix, changed.get("plan").asText());
        assertEquals("new-" + suffix, get(http, "/v1/subscriptions/next-" + suffix).get("plan").asText());
    }

    @Test
    void shouldSubscribeToTheGroupsDefaultAndListTheGroup() {
        plan("free-" + suffix, ", \"group\": \"%s\", \"default_plan\": true, \"sort_order\": 1".formatted(group));
        plan("paid-" + suffix, ", \"group\": \"%s\", \"sort_order\": 2".formatted(group));
        plan("elsewhere-" + suffix, ", \"group\": \"other-%s\"".formatted(group));

        final JsonNode subscribed = create(http, "/v1/subscriptions", """
            {"id": "sub-%1$s", "customer_id": "customer-%1$s", "plan_group": "%2$s"}""".formatted(suffix, group));

        assertEquals("free-" + suffix, subscribed.get("plan").asText());
        assertEquals("free-" + suffix, get(http, "/v1/subscriptions/sub-" + suffix).get("plan").asText());
        assertEquals(List.of("free-" + suffix, "paid-" + suffix), codes(get(http, "/v1/plans?group=" + group)));
        create(http, "/v1/subscriptions", """
            {"id": "paid-%1$s", "customer_id": "paying-%1$s", "plan": "paid-%1$s", "plan_group": "%2$s"}
            """.formatted(suffix, group));
        refused(422, "plan_group", """
            {"id": "astray-%1$s", "customer_id": "astray-%1$s", "plan": "elsewhere-%1$s", "plan_group": "%2$s"}
            """.formatted(suffix, group));
    }

    @Test
    void shouldRefuseASecondDefaultOfAGroupOnCreateAndOnANewVersion() {
        plan("first-" + suffix, ", \"group\": \"%s\", \"default_plan\": true".formatted(group));
        plan("second-" + suffix, ", \"group\": \"%s\"".formatted(group));

        final TestHttp.Answer created = http.post("/v1/plans", ADMIN, body("third-" + suffix,
            ", \"group\": \"%s\", \"default_plan\": true".formatted(group)));
        assertEquals(409, created.status(), created.body());
        assertTrue(created.json().get("detail").asText().contains("plan first-" + suffix), created.body());
        assertEquals(404, http.get("/v1/plans/third-" + suffix, ADMIN).status(), "nothing written");

        final TestHttp.Answer versioned = http.put("/v1/plans/second-" + suffix, ADMIN, body("second-" + suffix,
            ", \"group\": \"%s\", \"default_plan\": true".formatted(group)), "\"1\"");
        assertEquals(409, versioned.status(), versioned.body());
        assertTrue(versioned.json().get("detail").asText().contains("plan first-" + suffix), versioned.body());
        assertEquals(1, get(http, "/v1/plans/second-" + suffix).get("version").asInt());

        assertEquals(200, http.delete("/v1/plans/first-" + suffix, ADMIN).status());
        final TestHttp.Answer afterArchive = http.put("/v1/plans/second-" + suffix, ADMIN, body("second-" + suffix,
            ", \"group\": \"%s\", \"default_plan\": true".formatted(group)), "\"1\"");
        assertEquals(200, afterArchive.status(), "an archived plan is nobody's default: " + afterArchive.body());
        final TestHttp.Answer reactivated = http.put("/v1/plans/first-" + suffix, ADMIN, body("first-" + suffix,
            ", \"group\": \"%s\", \"default_plan\": true, \"status\": \"active\"".formatted(group)), "\"1\"");
        assertEquals(409, reactivated.status(), reactivated.body());
        assertTrue(reactivated.json().get("detail").asText().contains("plan second-" + suffix), reactivated.body());
    }

    @Test
    void shouldRefuseAGroupWithoutADefaultAndADefaultWithoutAGroup() {
        plan("only-" + suffix, ", \"group\": \"%s\"".formatted(group));

        refused(422, "plan_group", """
            {"id": "sub-%1$s", "customer_id": "customer-%1$s", "plan_group": "%2$s"}""".formatted(suffix, group));
        refused(422, "plan", """
            {"id": "sub-%1$s", "customer_id": "customer-%1$s"}""".formatted(suffix));
        final TestHttp.Answer ungrouped = http.post("/v1/plans", ADMIN, body("lone-" + suffix,
            ", \"default_plan\": true"));
        assertEquals(422, ungrouped.status(), ungrouped.body());
        assertEquals(List.of("default_plan"), fields(ungrouped));
    }

    @Test
    void shouldRefuseAQueryParameterItDoesNotKnow() {
        final TestHttp.Answer misspelt = http.get("/v1/plans?lookupKey=pro", ADMIN);
        assertEquals(422, misspelt.status(), misspelt.body());
        assertEquals(List.of("lookupKey"), fields(misspelt));
        final TestHttp.Answer empty = http.get("/v1/plans?group=", ADMIN);
        assertEquals(422, empty.status(), empty.body());
        assertEquals(List.of("group"), fields(empty));
    }

    private void plan(final String code, final String extra) {
        create(http, "/v1/plans", body(code, extra));
    }

    private static String body(final String code, final String extra) {
        return """
            {"code": "%s", "name": "%s", "interval": "monthly", "currency": "USD", "amount": "10"%s}"""
            .formatted(code, code, extra);
    }

    private void refused(final int status, final String field, final String body) {
        final TestHttp.Answer answer = http.post("/v1/subscriptions", ADMIN, body);
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElse(""), answer.body());
        assertEquals(List.of(field), fields(answer));
    }

    private static List<String> codes(final JsonNode plans) {
        final List<String> codes = new ArrayList<>();
        plans.forEach(plan -> codes.add(plan.get("code").asText()));
        return codes;
    }

    private static List<String> fields(final TestHttp.Answer answer) {
        final List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
