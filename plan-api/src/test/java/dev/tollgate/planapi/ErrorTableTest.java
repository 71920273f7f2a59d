package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error status of the catalog API, each with its problem+json body. */
class ErrorTableTest {

    private static TestServer server;
    private static TestHttp http;
    private static String plan;

    @BeforeAll
    static void start() {
        server = CatalogApi.start();
        http = server.http();
        plan = unique("errors");
        create(http, "/v1/plans", """
            {"code": "%s", "name": "Errors", "interval": "monthly", "currency": "USD", "amount": "5"}
            """.formatted(plan));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldAnswer400ForAMalformedBody() {
        assertProblem(http.post("/v1/plans", ADMIN, "{\"code\": "), 400, "Malformed request");
        assertProblem(http.post("/v1/meters", ADMIN, "[1, 2]"), 400, "Malformed request");
    }

    @Test
    void shouldAnswer401WithoutAValidKey() {
        for (final String path : List.of("/v1/plans", "/v1/meters", "/v1/subscriptions?customer_id=x", "/v1/coupons",
            "/v1/addons")) {
            final TestHttp.Answer answer = http.get(path, null);
            assertProblem(answer, 401, "Unauthorized");
            assertEquals("Bearer", answer.header("WWW-Authenticate").orElseThrow());
            assertProblem(http.get(path, "not-a-key"), 401, "Unauthorized");
        }
        assertProblem(http.post("/v1/charges/estimate", null, "{}"), 401, "Unauthorized");
    }

    @Test
    void shouldAnswer403WithAnIngestKey() {
        assertProblem(http.get("/v1/plans", TestServer.INGEST_KEY), 403, "Forbidden");
        assertProblem(http.post("/v1/coupons", TestServer.INGEST_KEY, "{}"), 403, "Forbidden");
        assertProblem(http.post("/v1/charges/estimate", TestServer.INGEST_KEY, "{}"), 403, "Forbidden");
    }

    @Test
    void shouldAnswer404ForUnknownThings() {
        for (final String path : List.of("/v1/plans/nope-" + plan, "/v1/plans/nope-" + plan + "/versions",
            "/v1/plans/" + plan + "/versions/9", "/v1/meters/nope-" + plan, "/v1/subscriptions/nope-" + plan,
            "/v1/coupons/nope-" + plan, "/v1/addons/nope-" + plan)) {
            assertProblem(http.get(path, ADMIN), 404, "Not found");
        }
        assertProblem(http.delete("/v1/subscriptions/nope-" + plan, ADMIN), 404, "Not found");
        assertProblem(http.put("/v1/coupons/nope-" + plan, ADMIN, "{\"coupon_type\": \"percentage\", "
            + "\"percentage_rate\": 5}", null), 404, "Not found");
    }

    @Test
    void shouldAnswer409ForADuplicateCode() {
        final JsonNode problem = assertProblem(http.post("/v1/plans", ADMIN, """
            {"code": "%s", "name": "Again", "interval": "monthly", "currency": "USD"}""".formatted(plan)),
            409, "Conflict");
        assertTrue(problem.get("detail").asText().contains(plan), problem.toString());
        final String coupon = unique("dup");
        create(http, "/v1/coupons", "{\"code\": \"" + coupon + "\", \"coupon_type\": \"percentage\", "
            + "\"percentage_rate\": 5}");
        assertProblem(http.post("/v1/coupons", ADMIN, "{\"code\": \"" + coupon + "\", \"coupon_type\": "
            + "\"percentage\", \"percentage_rate\": 5}"), 409, "Conflict");
    }

    @Test
    void shouldAnswer412ForAStaleIfMatchAnd428WithoutOne() {
        final String body = """
            {"name": "Errors", "interval": "monthly", "currency": "USD", "amount": "6"}""";
        final JsonNode stale = assertProblem(http.put("/v1/plans/" + plan, ADMIN, body, "\"7\""), 412,
            "Precondition failed");
        assertTrue(stale.get("detail").asText().contains("version 1"), stale.toString());
        assertProblem(http.put("/v1/plans/" + plan, ADMIN, body, null), 428, "Precondition required");
    }

    @Test
    void shouldAnswer422WithEveryFieldAtFault() {
        final JsonNode problem = assertProblem(http.post("/v1/plans", ADMIN, """
            {"code": "%s", "interval": "hourly", "currency": "XYZ", "amount": "-1", "trial_days": -3,
             "features": {"api": "yes"},
             "charges": [{"meter": "no-such-meter", "model": "graduated", "properties": {}}]}
            """.formatted(unique("bad"))), 422, "Invalid request");
        final List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> {
            fields.add(error.get("field").asText());
            assertFalse(error.get("message").asText().isBlank());
        });
        assertTrue(fields.containsAll(List.of("name", "interval", "currency", "amount", "trial_days", "features.api",
            "charges[0].meter", "charges[0].properties.graduated_ranges")), fields.toString());
    }

    private static JsonNode assertProblem(final TestHttp.Answer answer, final int status, final String title) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        final JsonNode problem = answer.json();
        assertEquals(status, problem.get("status").asInt(), answer.body());
        assertEquals(title, problem.get("title").asText(), answer.body());
        assertFalse(problem.get("detail").asText().isBlank(), answer.body());
        return problem;
    }
}
