package dev.tollgate.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.local.browser.Chromium;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /console} in headless Chromium against a running pipeline: a plan with free included seconds
 * and an enforced limit, one customer with usage and one call past the limit, another whose terminated
 * subscription has its final statement. The page is opened without a key, refuses a wrong one, and
 * with the admin key shows what an operator reads: the usage row and its bar, the rejection count by
 * reason, the statement's total. The page's screenshot is {@code target/console.png}.
 */
class ConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Tollgate tollgate;

    @AfterEach
    void stop() {
        if (tollgate != null) {
            tollgate.close();
        }
    }

    @Test
    void shouldShowUsageAgainstIncludedUnitsAndLimitRejectionsAndAFinalStatement() throws Exception {
        tollgate = Tollgate.start(LaunchSettings.fromEnvironment(Map.of(
            "TOLLGATE_HTTP_PORT", Integer.toString(freePort()),
            "TOLLGATE_KAFKA_PORT", Integer.toString(freePort()),
            "TOLLGATE_DATA_DIR", temp.resolve("data").toString(),
            "TOLLGATE_LATE_GRACE", "PT2S")));
        final TestHttp http = new TestHttp(tollgate.baseUrl());
        final String admin = tollgate.settings().adminKey();
        await().atMost(60, TimeUnit.SECONDS).until(() -> http.get("/health", null).status() == 200);

        created(http.post("/v1/meters", admin, """
            {"code": "voice_seconds", "name": "Voice seconds", "event_type": "call_ended",
             "aggregation": "sum", "field": "seconds"}"""));
        // 100 seconds included, 0.002 a second past them, at most 1000 seconds a month.
        created(http.post("/v1/plans", admin, """
            {"code": "starter", "name": "Starter", "interval": "monthly", "currency": "USD", "amount": "10.00",
             "charges": [{"code": "voice_seconds", "meter": "voice_seconds", "model": "graduated",
               "properties": {"graduated_ranges": [
                 {"from_value": 0, "to_value": 100, "per_unit_amount": "0", "flat_amount": "0"},
                 {"from_value": 100, "to_value": null, "per_unit_amount": "0.002", "flat_amount": "0"}]},
               "limit": {"units": "1000", "enforce": true}}]}"""));
        final Instant started = SeedPipeline.monthlyAnniversaryEndingTomorrow();
        for (final String customer : new String[] {"acme", "globex"}) {
            created(http.post("/v1/subscriptions", admin, """
                {"id": "sub_%1$s", "customer_id": "%1$s", "plan": "starter", "started_at": "%2$s",
                 "billing_time": "anniversary"}""".formatted(customer, started)));
        }
        call(http, "acme", "acme-1", 300);
        call(http, "acme", "acme-2", 250);
        // 550 + 600 = 1150 passes the enforced 1000: rejected, and not counted.
        call(http, "acme", "acme-3", 600);
        call(http, "globex", "globex-1", 200);
        awaitStatus(http, admin, "acme", "acme-3", "rejected");
        awaitStatus(http, admin, "acme", "acme-2", "rated");
        awaitStatus(http, admin, "globex", "globex-1", "rated");
        assertEquals(200, http.delete("/v1/subscriptions/sub_globex", admin).status());
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() ->
            http.get("/v1/subscriptions/sub_globex/statements", admin).json().size() > 0);

        final TestHttp.Answer page = http.get("/console", null);
        assertEquals(200, page.status(), "the page itself takes no key");
        assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"), page.toString());
        assertTrue(page.header("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertFalse(page.body().contains(admin), "the page embeds no key");

        try (Chromium browser = Chromium.start(temp)) {
            browser.open(tollgate.baseUrl() + "/console");
            assertTrue(visible(browser, "#key-form"), "asks for the key first");

            enterKey(browser, "not-a-key");
            await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(
                "the server refused this key (401): enter the admin key", text(browser, "#key-error")));

            enterKey(browser, admin);
            final String row = "tr[data-customer='acme'][data-charge='voice_seconds'] ";
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertEquals("550", text(browser,
                row + ".units")));
            assertEquals("100", text(browser, row + ".included"));
            assertEquals("1000", text(browser, row + ".limit"));
            // 550 - 100 included = 450 s x 0.002 = 0.900
            assertEquals("0.900", text(browser, row + ".amount"));
            // 550 of the 1000-second limit; past the 100 included seconds, so drawn as overage.
            assertEquals("55%", browser.evaluate("document.querySelector(" + quoted(row + ".bar .fill")
                + ").style.width").asText());
            assertTrue(browser.evaluate("document.querySelector(" + quoted(row + ".bar .fill")
                + ").classList.contains('over-included')").asBoolean());
            assertEquals("0.900 USD", text(browser, "tr.total[data-customer='acme'] .amount"));
            assertTrue(visible(browser, "tr[data-customer='globex']"), "the ended customer is listed too");

            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertEquals("1",
                text(browser, "#rejections tr[data-reason='LIMIT_EXCEEDED'] .count")));
            // A rate needs two readings of the counters, one refresh apart; nothing is sent meanwhile.
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertEquals("0.0",
                text(browser, "#events-per-second")));
            // acme-1, acme-2, globex-1 rated and acme-3 rejected.
            assertEquals("4", text(browser, "#events-decided"));

            // The ended subscription is the one shown: the whole month's 10.00 (it ends tomorrow, and the
            // termination day counts) + 100 s past the included 100 x 0.002 = 10.20.
            assertEquals("sub_globex", browser.evaluate("document.getElementById('subscription').value").asText());
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertEquals("10.20 USD",
                text(browser, ".statement[data-kind='statement'] .total-amount")));
            assertEquals(admin, browser.evaluate("sessionStorage.getItem('tollgate.admin-key')").asText());
            assertEquals("", browser.evaluate("localStorage.length === 0 ? '' : 'stored'").asText());

            browser.screenshot(Path.of("target", "console.png"));
        }
    }

    private static void created(final TestHttp.Answer answer) {
        assertEquals(201, answer.status(), answer.body());
    }

    private void call(final TestHttp http, final String customer, final String id, final int seconds) {
        final TestHttp.Answer answer = http.post("/v1/events", tollgate.settings().ingestKey(), """
            {"id": "%s", "type": "call_ended", "customer_id": "%s", "properties": {"seconds": %d}}"""
            .formatted(id, customer, seconds));
        assertEquals(202, answer.status(), answer.body());
    }

    private static void awaitStatus(final TestHttp http, final String admin, final String customer,
                                    final String event, final String status) {
        final AtomicReference<String> last = new AtomicReference<>();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            final TestHttp.Answer answer = http.get("/v1/customers/" + customer + "/events/" + event, admin);
            last.set(answer.body());
            assertEquals(status, answer.status() == 200 ? answer.json().get("status").asText() : null, last.get());
        });
    }

    private static void enterKey(final Chromium browser, final String key) {
        browser.evaluate("document.getElementById('admin-key').value = " + quoted(key)
            + "; document.querySelector('#key-form button[type=submit]').click(); true");
    }

    private static boolean visible(final Chromium browser, final String selector) {
        return browser.evaluate("(() => { const e = document.querySelector(" + quoted(selector)
            + "); return e !== null && e.offsetParent !== null; })()").asBoolean();
    }

    private static String text(final Chromium browser, final String selector) {
        return browser.evaluate("(() => { const e = document.querySelector(" + quoted(selector)
            + "); return e === null ? null : e.textContent; })()").asText(null);
    }

    private static String quoted(final String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
