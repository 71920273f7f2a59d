package dev.tollgate.local.hostile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates, over HTTP, the catalog every valid request of {@link HttpProbes} names, and a final statement to
 * refund and re-rate.
 */
final class ProbeFixture {

    private ProbeFixture() {
    }

    static HttpProbes.Fixture create(final TestHttp http, final String admin, final String ingest) {
        created(http, admin, "/v1/meters", "{\"code\":\"hx_seconds\",\"event_type\":\"hx_call\",\"aggregation\":\"sum\","
            + "\"field\":\"seconds\"}");
        for (final String plan : List.of("hx_plan", "hx_put_plan", "hx_archivable")) {
            created(http, admin, "/v1/plans", "{\"code\":\"" + plan + "\",\"name\":\"Hostile\",\"interval\":\"monthly\","
                + "\"currency\":\"USD\",\"amount\":\"10.00\",\"charges\":[{\"meter\":\"hx_seconds\",\"model\":\"standard\","
                + "\"properties\":{\"amount\":\"0.002\"}}]}");
        }
        created(http, admin, "/v1/coupons", "{\"code\":\"hx_coupon\",\"coupon_type\":\"percentage\","
            + "\"percentage_rate\":\"10\"}");
        created(http, admin, "/v1/addons", "{\"code\":\"hx_addon\",\"name\":\"Extra\",\"currency\":\"USD\","
            + "\"monthly_amount\":\"5\"}");
        created(http, admin, "/v1/subscriptions", "{\"id\":\"hx_sub\",\"customer_id\":\"hx_acme\",\"plan\":\"hx_put_plan\"}");
        final List<String> endable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            endable.add("hx_end_" + i);
            created(http, admin, "/v1/subscriptions", "{\"id\":\"hx_end_" + i + "\",\"customer_id\":\"hx_end_c" + i
                + "\",\"plan\":\"hx_plan\"}");
        }
        final Instant threeMonthsAgo = YearMonth.now(ZoneOffset.UTC).minusMonths(3).atDay(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant();
        // hx_stmt's statements are the probes' to refund; hx_stmt_after's are kept for the check at the end.
        for (final String subscription : List.of("hx_stmt", "hx_stmt_after")) {
            created(http, admin, "/v1/subscriptions", "{\"id\":\"" + subscription + "\",\"customer_id\":\"" + subscription
                + "_c\",\"plan\":\"hx_plan\",\"started_at\":\"" + threeMonthsAgo + "\"}");
        }
        final JsonNode statements = await().atMost(90, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS)
            .until(() -> http.get("/v1/subscriptions/hx_stmt/statements", admin),
                answer -> answer.status() == 200 && answer.json().size() > 0).json();
        final String statementId = statements.get(0).get("id").asText();
        final String statementPeriodStart = statements.get(0).at("/period/start").asText();
        created(http, admin, "/v1/subscriptions/hx_stmt/refunds", "{\"id\":\"hx_setup\",\"statement_id\":\"" + statementId
            + "\",\"amount\":\"0.01\",\"reason\":\"setup\"}");
        assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"hx_evt_0\",\"type\":\"hx_call\","
            + "\"customer_id\":\"hx_acme\",\"properties\":{\"seconds\":10}}").status());
        // A grouped charge with a limit, whose entitlement answer lists its groups.
        created(http, admin, "/v1/meters", "{\"code\":\"hx_region_seconds\",\"event_type\":\"hx_region_call\","
            + "\"aggregation\":\"sum\",\"field\":\"seconds\"}");
        created(http, admin, "/v1/plans", "{\"code\":\"hx_grouped_plan\",\"name\":\"Grouped\",\"interval\":"
            + "\"monthly\",\"currency\":\"USD\",\"charges\":[{\"meter\":\"hx_region_seconds\",\"model\":\"standard\","
            + "\"properties\":{\"amount\":\"0.01\",\"pricing_group_keys\":[\"region\"]},\"limit\":{\"units\":\"100\"},"
            + "\"thresholds\":[80]}]}");
        created(http, admin, "/v1/subscriptions", "{\"id\":\"hx_grouped_sub\",\"customer_id\":\"hx_grouped\","
            + "\"plan\":\"hx_grouped_plan\"}");
        assertEquals(202, http.post("/v1/events", ingest, "{\"id\":\"hx_region_0\",\"type\":\"hx_region_call\","
            + "\"customer_id\":\"hx_grouped\",\"properties\":{\"seconds\":10,\"region\":\"eu\"}}").status());
        awaitRated(http, admin, "hx_acme", "hx_evt_0");
        awaitRated(http, admin, "hx_grouped", "hx_region_0");
        return new HttpProbes.Fixture("hx_seconds", "hx_plan", "hx_put_plan", "hx_archivable", "hx_acme", "hx_sub",
            endable, "hx_coupon", "hx_addon", "hx_stmt", statementId, statementPeriodStart, "hx_evt_0", "hx_grouped",
            "hx_region_seconds");
    }

    static void awaitRated(final TestHttp http, final String admin, final String customer, final String event) {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(250, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            final TestHttp.Answer status = http.get("/v1/customers/" + customer + "/events/" + event, admin);
            assertEquals(200, status.status(), status.body());
            assertEquals("rated", status.json().get("status").asText(), status.body());
        });
    }

    static void created(final TestHttp http, final String admin, final String path, final String body) {
        final TestHttp.Answer answer = http.post(path, admin, body);
        assertEquals(201, answer.status(), path + " " + body + " -> " + answer.body());
    }
}
