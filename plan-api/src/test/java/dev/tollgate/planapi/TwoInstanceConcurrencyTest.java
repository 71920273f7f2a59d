package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.get;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two plan-api instances against one broker: codes stay unique under concurrent creates at both, no
 * write to one customer's record is lost, and a write acknowledged by one instance is read at once from
 * the other.
 */
class TwoInstanceConcurrencyTest {

    private static final int REQUESTS_PER_INSTANCE = 4;

    private static TestServer first;
    private static TestServer second;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        first = CatalogApi.start();
        second = CatalogApi.start();
        pool = Executors.newFixedThreadPool(2 * REQUESTS_PER_INSTANCE);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        second.close();
        first.close();
    }

    @Test
    void shouldCreateEachCodeExactlyOnceAcrossInstances() throws Exception {
        for (int round = 0; round < 5; round++) {
            final String code = unique("race");
            final List<Integer> statuses = concurrently(http -> http.post("/v1/plans", ADMIN, """
                {"code": "%s", "name": "Race", "interval": "monthly", "currency": "USD", "amount": "%s"}
                """.formatted(code, Thread.currentThread().getName().hashCode() & 0xff)).status());

            final Map<Integer, Integer> counts = new TreeMap<>();
            statuses.forEach(status -> counts.merge(status, 1, Integer::sum));
            assertEquals(Map.of(201, 1, 409, 2 * REQUESTS_PER_INSTANCE - 1), counts, "round " + round);
            final JsonNode onFirst = get(first.http(), "/v1/plans/" + code);
            assertEquals(onFirst, get(second.http(), "/v1/plans/" + code), "both instances read one record");
            final List<Plan> records = CatalogApi.readTopic(Topics.PLANS, code);
            assertEquals(1, records.size(), "exactly one committed record on the topic");
            assertEquals(onFirst.get("amount").asText(), records.get(0).latest().amount().toPlainString());
        }
    }

    @Test
    void shouldKeepEveryConcurrentSubscriptionOfOneCustomer() throws Exception {
        final String plan = unique("shared");
        create(first.http(), "/v1/plans", """
            {"code": "%s", "name": "Shared", "interval": "monthly", "currency": "USD"}""".formatted(plan));
        final String customer = unique("customer");

        final List<Integer> statuses = concurrently(http -> http.post("/v1/subscriptions", ADMIN, """
            {"id": "%s", "customer_id": "%s", "plan": "%s"}""".formatted(unique("sub"), customer, plan)).status());

        assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201), statuses);
        assertEquals(2 * REQUESTS_PER_INSTANCE, get(second.http(), "/v1/subscriptions?customer_id=" + customer).size());
        final List<CustomerSubscriptions> records = CatalogApi.readTopic(Topics.SUBSCRIPTIONS, customer);
        assertEquals(2 * REQUESTS_PER_INSTANCE, records.get(records.size() - 1).subscriptions().size(),
            "no write overwrote another");
    }

    @Test
    void shouldReadAWriteOfOneInstanceAtOnceFromTheOther() {
        for (int i = 0; i < 20; i++) {
            final TestServer writer = i % 2 == 0 ? first : second;
            final TestServer reader = i % 2 == 0 ? second : first;
            final String code = unique("ryw");
            create(writer.http(), "/v1/meters", """
                {"code": "%s", "event_type": "call", "aggregation": "count"}""".formatted(code));
            final TestHttp.Answer read = reader.http().get("/v1/meters/" + code, ADMIN);
            assertEquals(200, read.status(), "write " + i + " not yet seen by the other instance: " + read.body());
        }
    }

    /** Runs {@code request} against both instances at once, half the calls each, and returns the statuses. */
    private static List<Integer> concurrently(final Function<TestHttp, Integer> request) throws Exception {
        final CountDownLatch go = new CountDownLatch(1);
        final List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 2 * REQUESTS_PER_INSTANCE; i++) {
            final TestHttp http = (i % 2 == 0 ? first : second).http();
            answers.add(pool.submit(() -> {
                go.await();
                return request.apply(http);
            }));
        }
        go.countDown();
        final List<Integer> statuses = new ArrayList<>();
        for (final Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }
}
