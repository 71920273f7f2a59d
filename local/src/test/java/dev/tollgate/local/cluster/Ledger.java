package dev.tollgate.local.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.RatedCopies;
import dev.tollgate.testkit.TestHttp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The catalog of a failure test (one count meter, one plan at a price with more decimals than the
 * currency, a subscription per customer) and the checks that every accepted event was rated exactly
 * once: on {@code tollgate.rated-usage} as read_committed consumers see it, in each customer's usage,
 * and in each subscription's final statement, rounded to the cent.
 */
final class Ledger {

    static final BigDecimal PRICE = new BigDecimal("0.00123");

    private final String admin;
    private final int customers;

    Ledger(final String admin, final int customers) {
        this.admin = admin;
        this.customers = customers;
    }

    void createCatalog(final TestHttp api) {
        created(api.post("/v1/meters", admin, "{\"code\":\"calls\",\"event_type\":\"call\",\"aggregation\":\"count\"}"));
        created(api.post("/v1/plans", admin, "{\"code\":\"per_call\",\"name\":\"Per call\",\"interval\":\"monthly\","
            + "\"currency\":\"USD\",\"charges\":[{\"meter\":\"calls\",\"model\":\"standard\",\"properties\":"
            + "{\"amount\":\"" + PRICE.toPlainString() + "\"}}]}"));
        for (int c = 0; c < customers; c++) {
            created(api.post("/v1/subscriptions", admin, "{\"id\":\"sub_" + c + "\",\"customer_id\":\"c" + c
                + "\",\"plan\":\"per_call\"}"));
        }
    }

    /** Waits until {@code expected} distinct events are on the topic, then checks that none is there twice. */
    void assertRatedOnceOnTheTopic(final String bootstrap, final int expected, final Duration within) {
        await().atMost(within.toSeconds(), TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS)
            .until(() -> RatedCopies.byEventId(bootstrap).size() >= expected);
        final Map<String, Integer> copies = RatedCopies.byEventId(bootstrap);
        assertEquals(expected, copies.size(), "distinct events rated");
        final List<String> doubled = copies.entrySet().stream().filter(e -> e.getValue() != 1)
            .map(e -> e.getKey() + " x" + e.getValue()).limit(20).toList();
        assertEquals(List.of(), doubled, "events rated more than once");
    }

    /** Each customer's usage, asked of {@code rater} (which forwards to the owner), is its events times the price. */
    void assertUsage(final TestHttp rater, final EventSender sender, final int batches, final Duration within) {
        for (int c = 0; c < customers; c++) {
            final String customer = "c" + c;
            final BigDecimal expected = PRICE.multiply(BigDecimal.valueOf(sender.eventsOf(c, batches)));
            await().atMost(within.toSeconds(), TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(() -> {
                    final TestHttp.Answer usage = rater.get("/v1/customers/" + customer + "/usage", admin);
                    assertEquals(200, usage.status(), usage.body());
                    assertEquals(0, expected.compareTo(new BigDecimal(usage.json().get("total_amount").asText())),
                        customer + ": " + usage.body());
                });
        }
    }

    /**
     * Terminates every subscription now and checks that its one final statement bills its events at
     * the price, rounded half-up to the cent; the process must run with a short late grace.
     */
    void assertFinalStatements(final TestHttp api, final TestHttp rater, final EventSender sender, final int batches,
                               final Duration within) {
        for (int c = 0; c < customers; c++) {
            final TestHttp.Answer terminated = api.delete("/v1/subscriptions/sub_" + c, admin);
            assertEquals(200, terminated.status(), terminated.body());
        }
        for (int c = 0; c < customers; c++) {
            final String subscription = "sub_" + c;
            final BigDecimal expected = PRICE.multiply(BigDecimal.valueOf(sender.eventsOf(c, batches)))
                .setScale(2, RoundingMode.HALF_UP);
            await().atMost(within.toSeconds(), TimeUnit.SECONDS).pollInterval(1, TimeUnit.SECONDS)
                .untilAsserted(() -> {
                    final TestHttp.Answer statements = rater.get("/v1/subscriptions/" + subscription + "/statements",
                        admin);
                    assertEquals(200, statements.status(), statements.body());
                    assertEquals(1, statements.json().size(), statements.body());
                    assertEquals(expected.toPlainString(), statements.json().get(0).get("total").asText(),
                        subscription + ": " + statements.body());
                });
        }
    }


    private static void created(final TestHttp.Answer answer) {
        assertEquals(201, answer.status(), answer.body());
    }
}
