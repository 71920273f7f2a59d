package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans as immutable versions: PUT adds one, If-Match guards it, DELETE archives. */
class PlanVersioningTest {

    private static final TestHttp http = CatalogApi.shared().http();

    @Test
    void shouldAddVersionsInTimeAndKeepEveryOneOnTheTopic() {
        final String code = unique("versioned");
        final TestHttp.Answer created = http.post("/v1/plans", ADMIN, body(code, "10", null));
        assertEquals(201, created.status(), created.body());
        assertEquals("\"1\"", created.header("ETag").orElseThrow());
        assertEquals(Instant.EPOCH, Instant.parse(created.json().get("effective_from").asText()));

        final Instant beforeUpdate = Instant.now();
        final TestHttp.Answer second = http.put("/v1/plans/" + code, ADMIN, body(null, "12", null), "\"1\"");
        assertEquals(200, second.status(), second.body());
        assertEquals("\"2\"", second.header("ETag").orElseThrow());
        assertEquals(2, second.json().get("version").asInt());
        assertTrue(!Instant.parse(second.json().get("effective_from").asText()).isBefore(beforeUpdate),
            "a version without effective_from is in force from now");

        final Instant nextMonth = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        final TestHttp.Answer third = http.put("/v1/plans/" + code, ADMIN, body(null, "15", nextMonth), "\"2\"");
        assertEquals(200, third.status(), third.body());

        final TestHttp.Answer sameInstant = http.put("/v1/plans/" + code, ADMIN, body(null, "16", nextMonth), "\"3\"");
        assertEquals(422, sameInstant.status(), sameInstant.body());
        assertEquals("effective_from", sameInstant.json().get("errors").get(0).get("field").asText());
        final TestHttp.Answer stale = http.put("/v1/plans/" + code, ADMIN, body(null, "16", null), "\"2\"");
        assertEquals(412, stale.status(), stale.body());
        final TestHttp.Answer otherCurrency = http.put("/v1/plans/" + code, ADMIN,
            body(null, "16", nextMonth.plusSeconds(60)).replace("USD", "EUR"), "\"3\"");
        assertEquals(422, otherCurrency.status(), otherCurrency.body());
        assertEquals("currency", otherCurrency.json().get("errors").get(0).get("field").asText());

        final JsonNode versions = get(http, "/v1/plans/" + code + "/versions");
        assertEquals(3, versions.size());
        assertEquals(List.of("10", "12", "15"), List.of(versions.get(0).get("amount").asText(),
            versions.get(1).get("amount").asText(), versions.get(2).get("amount").asText()));
        assertEquals("12", get(http, "/v1/plans/" + code + "/versions/2").get("amount").asText());
        assertEquals(3, get(http, "/v1/plans/" + code).get("version").asInt(), "a plan shows its latest version");

        final List<Plan> records = CatalogApi.readTopic(Topics.PLANS, code);
        final Plan plan = records.get(records.size() - 1);
        assertEquals(3, records.size(), "one record per write, each with every version");
        assertEquals(1, plan.versionAt(beforeUpdate.minusSeconds(1)).orElseThrow().version());
        assertEquals(2, plan.versionAt(Instant.now()).orElseThrow().version());
        assertEquals(3, plan.versionAt(nextMonth).orElseThrow().version());
    }

    @Test
    void shouldArchiveAPlanSoThatItTakesNoNewSubscriptions() {
        final String code = unique("archived");
        create(http, "/v1/plans", body(code, "10", null));
        final String customer = unique("customer");
        create(http, "/v1/subscriptions", """
            {"id": "%s", "customer_id": "%s", "plan": "%s"}""".formatted(customer + "-1", customer, code));

        final TestHttp.Answer archived = http.delete("/v1/plans/" + code, ADMIN);
        assertEquals(200, archived.status(), archived.body());
        assertEquals("archived", get(http, "/v1/plans/" + code).get("status").asText());
        final TestHttp.Answer refused = http.post("/v1/subscriptions", ADMIN, """
            {"id": "%s", "customer_id": "%s", "plan": "%s"}""".formatted(customer + "-2", customer, code));
        assertEquals(422, refused.status(), refused.body());
        assertEquals("plan", refused.json().get("errors").get(0).get("field").asText());
        assertTrue(get(http, "/v1/subscriptions/" + customer + "-1").get("ended_at") == null,
            "existing subscriptions go on");

        final TestHttp.Answer reactivated = http.put("/v1/plans/" + code, ADMIN,
            body(null, "10", null).replace("{", "{\"status\": \"active\", "), "\"1\"");
        assertEquals(200, reactivated.status(), reactivated.body());
        assertEquals("active", reactivated.json().get("status").asText());
    }

    private static String body(final String code, final String amount, final Instant effectiveFrom) {
        return """
            {%s"name": "Versioned", "interval": "monthly", "currency": "USD", "amount": "%s"%s}
            """.formatted(code == null ? "" : "\"code\": \"" + code + "\", ", amount,
            effectiveFrom == null ? "" : ", \"effective_from\": \"" + effectiveFrom + "\"");
    }
}
