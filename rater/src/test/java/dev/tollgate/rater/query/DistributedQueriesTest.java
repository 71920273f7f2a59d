package dev.tollgate.rater.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two rater instances of one application on the real broker: every customer query has the same,
 * right answer whichever instance is asked, because the instance that owns the customer answers it.
 */
class DistributedQueriesTest {

    private static TopicWriter writer;
    private static TestServer first;
    private static TestServer second;
    private static List<TestServer> both;

    @BeforeAll
    static void startTwoInstances() {
        writer = new TopicWriter();
        final String applicationId = "rater-queries-" + UUID.randomUUID();
        first = RaterInstances.start(applicationId);
        second = RaterInstances.start(applicationId);
        both = List.of(first, second);
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        writer.close();
    }

    @Test
    void shouldAnswerUsageEntitlementsAndEventsIdenticallyFromEitherInstance() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("voice", meter, null, new ChargeLimit(new BigDecimal("1000"), false))));
        final List<String> customers = CustomerIds.onePerPartition("cust");
        customers.forEach(catalog::subscribe);
        RaterInstances.awaitSplit(both, customers);
        assertEquals(Set.of(RaterInstances.host(first), RaterInstances.host(second)), customers.stream()
            .map(customer -> RaterInstances.owner(first, customer)).collect(Collectors.toSet()),
            "each instance owns some of the customers, so half of the answers below are forwarded");
        for (final String customer : customers) {
            catalog.call(customer, "e1", "inbound", 100);
            catalog.call(customer, "e2", "outbound", 50);
            catalog.unpriced(customer, "e3");
        }
        for (final String customer : customers) {
            awaitStatus(customer, "e2", "rated");
            awaitStatus(customer, "e3", "rejected");
        }

        for (final String customer : customers) {
            final JsonNode usage = sameFromBoth("/v1/customers/" + customer + "/usage", 200);
            assertEquals(VoiceCatalog.subscriptionOf(customer), usage.get("subscription_id").textValue());
            assertEquals(catalog.plan, usage.get("plan").textValue());
            assertEquals("USD", usage.get("currency").textValue());
            final JsonNode charge = usage.get("charges").get(0);
            assertEquals("voice", charge.get("code").textValue());
            // 100 s + 50 s = 150 s; 150 x 0.002 = 0.300
            assertDecimal("150", charge.get("units"));
            assertDecimal("0.300", charge.get("amount"));
            assertDecimal("1000", charge.get("limit"));
            assertDecimal("850", charge.get("remaining"));
            assertDecimal("0.300", usage.get("total_amount"));

            final JsonNode entitlement = sameFromBoth("/v1/customers/" + customer + "/entitlements/" + catalog.meter,
                200);
            assertEquals(customer, entitlement.get("customer_id").textValue());
            assertEquals(catalog.meter, entitlement.get("meter").textValue());
            assertTrue(entitlement.get("allowed").booleanValue());
            assertDecimal("150", entitlement.get("usage"));
            assertDecimal("1000", entitlement.get("limit"));
            assertDecimal("850", entitlement.get("remaining"));
            assertEquals(1, entitlement.get("charges").size());
            assertFalse(entitlement.get("charges").get(0).get("enforce").booleanValue());

            final JsonNode rated = sameFromBoth("/v1/customers/" + customer + "/events/e1", 200);
            assertEquals("rated", rated.get("status").textValue());
            assertTrue(rated.get("reason").isNull());
            final JsonNode part = rated.get("charges").get(0);
            assertEquals("voice", part.get("charge").textValue());
            assertDecimal("100", part.get("units"));
            assertDecimal("0.200", part.get("amount"));
            assertEquals("USD", part.get("currency").textValue());

            final JsonNode rejected = sameFromBoth("/v1/customers/" + customer + "/events/e3", 200);
            assertEquals("rejected", rejected.get("status").textValue());
            assertEquals("NOT_BILLABLE", rejected.get("reason").textValue());
            assertEquals(0, rejected.get("charges").size());

            sameFromBoth("/v1/customers/" + customer + "/events/never-sent", 404);
            sameFromBoth("/v1/customers/" + customer + "/entitlements/no-such-meter", 404);
        }
    }

    @Test
    void shouldRefundAStatementOnceWhicheverInstanceIsAsked() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("voice", meter, null, null)));
        final Instant started = YearMonth.now(ZoneOffset.UTC).minusMonths(2).atDay(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant();
        // Two months have ended; the later one is final only once the hour of grace has passed too.
        final int closed = Instant.now().isAfter(started.atZone(ZoneOffset.UTC).plusMonths(2).plusHours(1)
            .toInstant()) ? 2 : 1;
        final List<String> customers = CustomerIds.onePerPartition("refunded");
        customers.forEach(customer -> catalog.subscribe(customer, started));
        RaterInstances.awaitSplit(both, customers);
        // An event at the current time moves stream time past the first month's end plus grace.
        customers.forEach(customer -> catalog.call(customer, "now", "inbound", 1));

        for (final String customer : customers) {
            final String subscription = VoiceCatalog.subscriptionOf(customer);
            final String statements = "/v1/subscriptions/" + subscription + "/statements";
            final String refunds = "/v1/subscriptions/" + subscription + "/refunds";
            await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> first.http().get(statements, TestServer.ADMIN_KEY),
                    answer -> answer.status() == 200 && answer.json().size() == closed);
            final JsonNode statement = sameFromBoth(statements, 200).get(0);
            // the 10.00 base price of a month without usage
            assertDecimal("10.00", statement.get("total"));
            final String statementId = statement.get("id").textValue();
            final TestServer owner = RaterInstances.owner(first, customer).equals(RaterInstances.host(first))
                ? first : second;
            final TestServer other = owner == first ? second : first;

            final String partial = "{\"id\":\"r1\",\"statement_id\":\"" + statementId
                + "\",\"amount\":\"4\",\"reason\":\"outage\"}";
            final JsonNode refunded = refund(other, refunds, partial, 201);
            assertEquals("refunded", refunded.get("status").textValue());
            assertDecimal("4.00", refunded.get("amount"));
            assertDecimal("6.00", refunded.get("remaining"));
            assertEquals("partially_refunded", refunded.get("statement_status").textValue());
            assertEquals(statementId + "/refunds/r1", refunded.get("adjustment_id").textValue());
            assertEquals(refunded, refund(owner, refunds, partial, 201), "the same id refunds once");

            // 10.00 - 4.00 = 6.00 left
            final JsonNode tooMuch = refund(owner, refunds, "{\"id\":\"r0\",\"statement_id\":\"" + statementId
                + "\",\"amount\":\"6.01\"}", 422);
            assertEquals("a refund of 6.01 USD exceeds the 6.00 USD left to refund on the statement",
                tooMuch.get("detail").textValue());
            refund(other, refunds, "{\"id\":\"r1\",\"statement_id\":\"" + statementId + "\",\"amount\":\"5\"}",
                409);
            final String everythingLeft = "{\"statement_id\":\"" + statementId + "\"}";
            final JsonNode rest = refund(other, refunds, everythingLeft, 201, "r2");
            assertEquals(rest, refund(owner, refunds, everythingLeft, 201, "r2"), "the same header key refunds once");
            assertEquals(rest, refund(other, refunds, "{\"id\":\"r2\",\"statement_id\":\"" + statementId + "\"}",
                201, "r2"), "the same key in the body and the header is one key");
            refund(owner, refunds, "{\"id\":\"r3\",\"statement_id\":\"" + statementId + "\"}", 422, "r2");
            assertDecimal("6.00", rest.get("amount"));
            assertEquals("refunded", rest.get("statement_status").textValue());
            refund(other, refunds, "{\"id\":\"r4\",\"statement_id\":\"" + subscription
                + "/1999-01-01T00:00:00Z\"}", 404);

            final JsonNode listed = sameFromBoth(statements, 200);
            assertEquals(List.of(statementId, statementId + "/refunds/r1", statementId + "/refunds/r2"),
                List.of(listed.get(0).get("id").textValue(), listed.get(1).get("id").textValue(),
                    listed.get(2).get("id").textValue()));
            assertEquals("refund", listed.get(1).get("kind").textValue());
            assertEquals(statementId, listed.get(1).get("adjusts").textValue());
            assertDecimal("-4.00", listed.get(1).get("total"));
            assertDecimal("-6.00", listed.get(2).get("total"));
            assertDecimal("10.00", listed.get(0).get("total"));
        }
    }

    @Test
    void shouldAnswerBadRefundRequestsWithProblems() {
        final String path = "/v1/subscriptions/no-such-subscription/refunds";
        final TestHttp http = first.http();
        final TestHttp.Answer malformed = http.post(path, TestServer.ADMIN_KEY, "{\"statement_id\":");
        assertEquals(400, malformed.status(), malformed.body());
        assertEquals("application/problem+json", malformed.header("Content-Type").orElseThrow());

        final TestHttp.Answer wrongTypes = http.post(path, TestServer.ADMIN_KEY,
            "{\"statement_id\":5,\"amount\":\"ten\",\"id\":\"\",\"reason\":[]}");
        assertEquals(422, wrongTypes.status(), wrongTypes.body());
        assertEquals(Set.of("statement_id", "amount", "id", "reason"), fieldsIn(wrongTypes.json()));

        final TestHttp.Answer halfSurrogate = http.post(path, TestServer.ADMIN_KEY,
            "{\"id\":\"r\",\"statement_id\":\"s\",\"reason\":\"\\ud800\"}");
        assertEquals(422, halfSurrogate.status(), halfSurrogate.body());
        assertEquals(Set.of("reason"), fieldsIn(halfSurrogate.json()));

        final TestHttp.Answer negative = http.post(path, TestServer.ADMIN_KEY,
            "{\"id\":\"r\",\"statement_id\":\"s\",\"amount\":\"-1\"}");
        assertEquals(422, negative.status(), negative.body());
        assertEquals("must be greater than 0; leave it out to refund everything left",
            negative.json().get("errors").get(0).get("message").textValue());

        final TestHttp.Answer plainText = http.send(http.request(path, TestServer.ADMIN_KEY)
            .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("refund"))
            .build());
        assertEquals(415, plainText.status(), plainText.body());
        assertEquals(403, http.post(path, TestServer.INGEST_KEY, "{\"statement_id\":\"s\"}").status());
        refund(first, path, "{\"id\":\"r\",\"statement_id\":\"s\"}", 404);
    }

    @Test
    void shouldRequireAnIdempotencyKeyForEveryRefund() {
        final String path = "/v1/subscriptions/no-such-subscription/refunds";
        final TestHttp http = first.http();
        final TestHttp.Answer keyless = http.post(path, TestServer.ADMIN_KEY, "{\"statement_id\":\"s\"}");
        assertEquals(422, keyless.status(), keyless.body());
        final JsonNode missing = keyless.json().get("errors").get(0);
        assertEquals("id", missing.get("field").textValue());
        assertTrue(missing.get("message").textValue().startsWith("is required, or an Idempotency-Key header"),
            keyless.body());

        final TestHttp.Answer differing = post(http, path, "{\"id\":\"a\",\"statement_id\":\"s\"}", "b");
        assertEquals(422, differing.status(), differing.body());
        assertEquals(Set.of("id"), fieldsIn(differing.json()));
        assertTrue(differing.body().contains("differs from the Idempotency-Key header"), differing.body());

        final TestHttp.Answer badHeader = post(http, path, "{\"statement_id\":\"s\"}", "k".repeat(300));
        assertEquals(422, badHeader.status(), badHeader.body());
        assertEquals(Set.of("Idempotency-Key"), fieldsIn(badHeader.json()));

        final TestHttp.Answer unknown = http.post(path, TestServer.ADMIN_KEY,
            "{\"id\":\"a\",\"statement_id\":\"s\",\"amount_cents\":100,\"subscription_id\":\"x\"}");
        assertEquals(422, unknown.status(), unknown.body());
        assertEquals(Set.of("amount_cents", "subscription_id"), fieldsIn(unknown.json()));

        final TestHttp.Answer huge = http.post(path, TestServer.ADMIN_KEY,
            "{\"id\":\"a\",\"statement_id\":\"s\",\"amount\":\"1e-10000\"}");
        assertEquals(422, huge.status(), huge.body());
        assertEquals(Decimals.BOUNDS_MESSAGE, huge.json().get("errors").get(0).get("message").textValue());

        final TestHttp.Answer keyed = await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(() -> post(http, path, "{\"statement_id\":\"s\"}", "k1"), reply -> reply.status() != 503);
        assertEquals(404, keyed.status(), "a header key is enough to be read: " + keyed.body());
    }

    private static TestHttp.Answer post(final TestHttp http, final String path, final String body, final String key) {
        return http.send(http.request(path, TestServer.ADMIN_KEY).header("Content-Type", "application/json")
            .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Set<String> fieldsIn(final JsonNode problem) {
        final Set<String> fields = new java.util.TreeSet<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").textValue()));
        return fields;
    }

    @Test
    void shouldRefuseUseOnceAnEnforcedLimitIsReached() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("inbound", meter, "inbound", new ChargeLimit(new BigDecimal("150"), true)),
            VoiceCatalog.charge("outbound", meter, "outbound", new ChargeLimit(new BigDecimal("1000"), false))));
        final List<String> customers = CustomerIds.onePerPartition("capped");
        customers.forEach(catalog::subscribe);
        RaterInstances.awaitSplit(both, customers);
        for (final String customer : customers) {
            catalog.call(customer, "e1", "inbound", 100);
            catalog.call(customer, "e2", "inbound", 50);
            catalog.call(customer, "e3", "outbound", 30);
            catalog.call(customer, "e4", "inbound", 10);
        }
        for (final String customer : customers) {
            awaitStatus(customer, "e4", "rejected");
            final JsonNode refused = sameFromBoth("/v1/customers/" + customer + "/events/e4", 200);
            assertEquals("LIMIT_EXCEEDED", refused.get("reason").textValue());
            awaitStatus(customer, "e3", "rated");

            final JsonNode entitlement = sameFromBoth("/v1/customers/" + customer + "/entitlements/" + catalog.meter,
                200);
            assertFalse(entitlement.get("allowed").booleanValue());
            // 150 s inbound (at its enforced limit) + 30 s outbound; the refused 10 s are not counted
            assertDecimal("180", entitlement.get("usage"));
            assertDecimal("150", entitlement.get("limit"));
            assertDecimal("0", entitlement.get("remaining"));
            final JsonNode inbound = entitlement.get("charges").get(0);
            assertEquals("inbound", inbound.get("code").textValue());
            assertDecimal("150", inbound.get("usage"));
            assertDecimal("0", inbound.get("remaining"));
            assertTrue(inbound.get("enforce").booleanValue());
            final JsonNode outbound = entitlement.get("charges").get(1);
            assertDecimal("30", outbound.get("usage"));
            assertDecimal("970", outbound.get("remaining"));
            assertFalse(outbound.get("enforce").booleanValue());
        }
    }

    @Test
    void shouldReportAHeldEventAsPendingUntilItsSubscriptionArrives() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("voice", meter, null, null)));
        final List<String> customers = CustomerIds.onePerPartition("early");
        RaterInstances.awaitSplit(both, customers);
        for (final String customer : customers) {
            catalog.call(customer, "e1", "inbound", 25);
        }
        for (final String customer : customers) {
            awaitStatus(customer, "e1", "pending");
            final JsonNode held = sameFromBoth("/v1/customers/" + customer + "/events/e1", 200);
            assertTrue(held.get("reason").isNull());
            assertEquals(0, held.get("charges").size());
        }
        customers.forEach(catalog::subscribe);
        for (final String customer : customers) {
            awaitStatus(customer, "e1", "rated");
            // 25 s x 0.002 = 0.050
            assertDecimal("0.050", sameFromBoth("/v1/customers/" + customer + "/events/e1", 200)
                .get("charges").get(0).get("amount"));
        }
    }

    @Test
    void shouldAnswerNotFoundFromTheOwnerForACustomerWithoutSubscription() {
        final List<String> customers = CustomerIds.onePerPartition("stranger");
        RaterInstances.awaitSplit(both, customers);
        for (final String customer : customers) {
            final JsonNode problem = sameFromBoth("/v1/customers/" + customer + "/usage", 404);
            assertEquals(404, problem.get("status").intValue());
            sameFromBoth("/v1/customers/" + customer + "/entitlements/any-meter", 404);
        }
    }

    @Test
    void shouldListNoStatementsOfASubscriptionWhoseFirstPeriodIsOpen() {
        final VoiceCatalog catalog = new VoiceCatalog(writer, meter -> List.of(
            VoiceCatalog.charge("voice", meter, null, null)));
        final List<String> customers = CustomerIds.onePerPartition("fresh");
        customers.forEach(customer -> catalog.subscribe(customer, Instant.now()));
        RaterInstances.awaitSplit(both, customers);
        for (final String customer : customers) {
            final String path = "/v1/subscriptions/" + VoiceCatalog.subscriptionOf(customer) + "/statements";
            // The subscription reaches the rater's books a moment after its customer's table entry.
            await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> first.http().get(path, TestServer.ADMIN_KEY).status() == 200);
            assertEquals(0, sameFromBoth(path, 200).size());
        }
        sameFromBoth("/v1/subscriptions/sub-nobody-" + UUID.randomUUID() + "/statements", 404);
    }

    @Test
    void shouldNotForwardARequestThatWasAlreadyForwarded() {
        final List<String> customers = CustomerIds.onePerPartition("hop");
        RaterInstances.awaitSplit(both, customers);
        final String notOwnedByFirst = customers.stream()
            .filter(customer -> !RaterInstances.owner(first, customer).equals(RaterInstances.host(first)))
            .findFirst().orElseThrow();
        final TestHttp http = first.http();
        final TestHttp.Answer answer = http.send(http.request("/v1/customers/" + notOwnedByFirst + "/usage",
            TestServer.ADMIN_KEY).header(OwnerForwarder.FORWARDED_HEADER, "127.0.0.1:1").GET().build());

        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.header("Retry-After").isPresent());
    }

    /**
     * Asks both instances with one X-Request-Id, the first with the ingest key where customer routes
     * take it; their answers must be the same status and the same JSON, problem bodies included: one
     * of the two forwards to the other, and its request_id is only the same if the forward carried the
     * caller's id. A 503 is asked again, as its Retry-After says: a late rebalance of the group may
     * still move a task.
     */
    private static JsonNode sameFromBoth(final String path, final int status) {
        final String requestId = "both-" + UUID.randomUUID();
        final List<TestHttp.Answer> answers = await().atMost(RaterInstances.DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> List.of(get(first, path, path.startsWith("/v1/customers/") ? TestServer.INGEST_KEY
                    : TestServer.ADMIN_KEY, requestId),
                get(second, path, TestServer.ADMIN_KEY, requestId)),
                pair -> pair.stream().noneMatch(answer -> answer.status() == 503));
        final TestHttp.Answer fromFirst = answers.get(0);
        final TestHttp.Answer fromSecond = answers.get(1);
        assertEquals(status, fromFirst.status(), path + " on the first instance: " + fromFirst.body());
        assertEquals(status, fromSecond.status(), path + " on the second instance: " + fromSecond.body());
        assertEquals(fromFirst.json(), fromSecond.json(), path);
        assertEquals(fromFirst.header("Content-Type"), fromSecond.header("Content-Type"), path);
        assertEquals(requestId, fromFirst.header("X-Request-Id").orElseThrow(), path);
        assertEquals(requestId, fromSecond.header("X-Request-Id").orElseThrow(), path);
        if (status >= 400) {
            assertEquals(requestId, fromFirst.json().get("request_id").asText(), path);
        }
        return fromFirst.json();
    }

    private static TestHttp.Answer get(final TestServer server, final String path, final String key,
                                       final String requestId) {
        final TestHttp http = server.http();
        return http.send(http.request(path, key).header("X-Request-Id", requestId).GET().build());
    }

    /** Like {@link #refund(TestServer, String, String, int)}, with {@code key} as the Idempotency-Key header. */
    private static JsonNode refund(final TestServer server, final String path, final String body, final int status,
                                   final String key) {
        final TestHttp.Answer answer = await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(() -> post(server.http(), path, body, key), reply -> reply.status() != 503);
        assertEquals(status, answer.status(), path + " " + body + " (key " + key + "): " + answer.body());
        return answer.json();
    }

    /** Posts a refund, asking again while the answer is a 503, and returns the answer's JSON. */
    private static JsonNode refund(final TestServer server, final String path, final String body, final int status) {
        final TestHttp.Answer answer = await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200))
            .until(() -> server.http().post(path, TestServer.ADMIN_KEY, body), reply -> reply.status() != 503);
        assertEquals(status, answer.status(), path + " " + body + ": " + answer.body());
        return answer.json();
    }

    private static void awaitStatus(final String customer, final String eventId, final String status) {
        await().atMost(RaterInstances.DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
            final TestHttp.Answer answer = first.http().get("/v1/customers/" + customer + "/events/" + eventId,
                TestServer.ADMIN_KEY);
            return answer.status() == 200 && status.equals(answer.json().get("status").textValue());
        });
    }

    private static void assertDecimal(final String expected, final JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.textValue())),
            () -> "expected " + expected + " but was " + actual);
    }
}
