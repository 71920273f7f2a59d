package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testkit.TestHttp;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A credit grant made over HTTP pays events as the embedded broker's rater rates them: a plan that
 * blocks when credits run out refuses the event its balance cannot cover, the wallet shows what each
 * grant paid, the entitlement answer turns false at zero, and the upcoming statement takes it off.
 */
class CreditWalletEndToEndTest {

    private static final String CUSTOMER = "wallet_acme";

    private final TestHttp http = SharedTollgate.http();
    private final String admin = SharedTollgate.adminKey();
    private final String ingest = SharedTollgate.ingestKey();

    @Test
    void shouldPayEventsFromTheWalletAndRefuseWhatItCannotCover() {
        created("/v1/meters", "{\"code\":\"wallet_seconds\",\"event_type\":\"wallet_call\",\"aggregation\":\"sum\","
            + "\"field\":\"seconds\"}");
        created("/v1/plans", "{\"code\":\"prepaid\",\"name\":\"Prepaid\",\"interval\":\"monthly\",\"currency\":\"USD\","
            + "\"block_when_credits_exhausted\":true,\"charges\":[{\"code\":\"calls\",\"meter\":\"wallet_seconds\","
            + "\"model\":\"standard\",\"properties\":{\"amount\":\"0.01\"}}]}");
        created("/v1/subscriptions", "{\"id\":\"sub_wallet\",\"customer_id\":\"" + CUSTOMER + "\",\"plan\":\"prepaid\"}");

        final String grants = "/v1/customers/" + CUSTOMER + "/credit-grants";
        final String grant = "{\"id\":\"g1\",\"amount\":\"1.00\",\"currency\":\"USD\",\"reference\":\"order-1\","
            + "\"low_balance_alert\":{\"amount\":\"0.30\"}}";
        assertEquals(201, http.post(grants, admin, grant).status());
        assertEquals(200, http.post(grants, admin, grant).status(), "the same id and terms answer the grant again");
        assertEquals(409, http.post(grants, admin, grant.replace("1.00", "2.00")).status());
        assertEquals(403, http.post(grants, ingest, grant).status(), "granting credit takes the admin key");
        final TestHttp.Answer bad = http.post(grants, admin, "{\"id\":\"g2\",\"amount\":\"-5\",\"currency\":\"USD\","
            + "\"colour\":\"red\"}");
        assertEquals(422, bad.status(), bad.body());
        assertEquals("[\"colour\",\"amount\"]", fieldsOf(bad.json()));

        call("w1", 60);
        assertEquals("rated", awaitDone("w1").get("status").asText());
        call("w2", 50);
        final JsonNode refused = awaitDone("w2");
        assertEquals("CREDITS_EXHAUSTED", refused.get("reason").asText(), refused.toString());
        call("w3", 40);
        assertEquals("rated", awaitDone("w3").get("status").asText());

        final JsonNode wallet = http.get("/v1/customers/" + CUSTOMER + "/credits", ingest).json();
        assertDecimal("0", wallet.get("balance").get("USD"));
        final JsonNode g1 = wallet.get("grants").get(0);
        assertEquals("g1", g1.get("id").asText());
        assertDecimal("1.00", g1.get("used"));
        assertDecimal("0", g1.get("left"));

        final JsonNode entitlement = http.get("/v1/customers/" + CUSTOMER + "/entitlements/wallet_seconds", ingest)
            .json();
        assertEquals(false, entitlement.get("allowed").booleanValue(), entitlement.toString());
        assertDecimal("0", entitlement.get("credits").get("balance"));

        final JsonNode upcoming = http.get("/v1/subscriptions/sub_wallet/statements/upcoming", admin).json();
        // 100 s x 0.01 = 1.00 of usage, all of it paid by g1
        assertEquals("credit_grant", upcoming.at("/lines/1/type").asText(), upcoming.toString());
        assertDecimal("-1.00", upcoming.at("/lines/1/amount"));
        assertDecimal("0.00", upcoming.get("total"));
    }

    private void created(final String path, final String body) {
        final TestHttp.Answer answer = http.post(path, admin, body);
        assertEquals(201, answer.status(), path + " " + body + " -> " + answer.body());
    }

    private void call(final String id, final int seconds) {
        final TestHttp.Answer answer = http.post("/v1/events", ingest, "{\"id\":\"" + id + "\",\"type\":"
            + "\"wallet_call\",\"customer_id\":\"" + CUSTOMER + "\",\"properties\":{\"seconds\":" + seconds + "}}");
        assertEquals(202, answer.status(), answer.body());
    }

    private JsonNode awaitDone(final String event) {
        return await().atMost(60, TimeUnit.SECONDS).pollInterval(250, TimeUnit.MILLISECONDS)
            .until(() -> http.get("/v1/customers/" + CUSTOMER + "/events/" + event, admin),
                answer -> answer.status() == 200 && !"pending".equals(answer.json().get("status").asText()))
            .json();
    }

    private static String fieldsOf(final JsonNode problem) {
        final StringBuilder fields = new StringBuilder("[");
        problem.get("errors").forEach(error -> fields.append(fields.length() > 1 ? "," : "").append('"')
            .append(error.get("field").asText()).append('"'));
        return fields.append(']').toString();
    }

    private static void assertDecimal(final String expected, final JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.asText())),
            "expected " + expected + ", got " + actual);
    }
}
