package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A period's close deletes everything the period left in the stores, looked up key by key from the
 * plan's charges: the state of an ungrouped charge and its alert marks, every group of a grouped
 * charge, and every value a unique_count charge counted; the next period's entries stay.
 */
class PeriodCleanupTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, Instant.parse("2026-03-10T12:00:00Z"));
        rater.meters.pipeInput("seconds", new Meter("seconds", "Seconds", "call", "sum", "seconds", Map.of()));
        rater.meters.pipeInput("agent_seconds", new Meter("agent_seconds", "Seconds by agent", "call", "sum",
            "seconds", Map.of()));
        rater.meters.pipeInput("callers", new Meter("callers", "Callers", "call", "unique_count", "caller",
            Map.of()));
        rater.plans.pipeInput("plan", RaterDriver.monthlyPlan("plan", BigDecimal.ZERO,
            new Charge("talk", "seconds", "standard", Map.of("amount", "0.01"), Map.of(),
                new ChargeLimit(new BigDecimal("100"), false), List.of(new BigDecimal("50"), new BigDecimal("80"))),
            new Charge("per_agent", "agent_seconds", "standard", Map.of("amount", "0.02", "pricing_group_keys",
                List.of("agent")), Map.of(), null, List.of()),
            new Charge("callers", "callers", "standard", Map.of("amount", "1"), Map.of(), null, List.of())));
        rater.subscribe(new Subscription("sub_1", "acme", "plan", null, MARCH, null, "calendar"), MARCH);
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldDeleteEveryEntryOfTheClosedPeriodAndKeepTheNextOnes() {
        call("m1", "ada", "alice", 60, Instant.parse("2026-03-05T10:00:00Z"));
        call("m2", "bob", "alice", 50, Instant.parse("2026-03-06T10:00:00Z"));
        call("m3", "ada", "carol", 10, Instant.parse("2026-03-07T10:00:00Z"));
        call("a1", "bob", "dave", 5, Instant.parse("2026-04-01T00:30:00Z"));
        assertEquals(List.of(), rater.rejected.readValuesToList());
        assertEquals(Set.of("talk/2026-03", "per_agent/2026-03/ada", "per_agent/2026-03/bob", "callers/2026-03",
            "talk/2026-04", "per_agent/2026-04/bob", "callers/2026-04"), entries(StateStores.CHARGE_AGGREGATES.name()));
        // 50 % and 80 % of 100 s crossed at 110 s, and the unenforced limit passed
        assertEquals(3, entries(StateStores.ALERTS_SENT.name()).size());
        assertEquals(3, entries(StateStores.DISTINCT_VALUES.name()).size(), "March: alice, carol; April: dave");

        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(2));
        final PeriodStatement march = rater.statements.readValue();
        // 120 s x 0.01 = 1.20; ada 70 s x 0.02 = 1.40, bob 50 s x 0.02 = 1.00; 2 callers x 1 = 2.00
        assertEquals(List.of("talk 1.20", "per_agent[ada] 1.40", "per_agent[bob] 1.00", "callers 2.00"),
            march.lines().stream().map(PeriodCleanupTest::line).toList());

        assertEquals(Set.of("talk/2026-04", "per_agent/2026-04/bob", "callers/2026-04"),
            entries(StateStores.CHARGE_AGGREGATES.name()));
        assertEquals(Set.of(), entries(StateStores.ALERTS_SENT.name()));
        assertEquals(1, entries(StateStores.DISTINCT_VALUES.name()).size(), "April's dave is left");
    }

    private void call(final String id, final String agent, final String caller, final int seconds,
                      final Instant at) {
        rater.usage.pipeInput("acme", ("{\"id\":\"" + id + "\",\"type\":\"call\",\"customer_id\":\"acme\","
            + "\"timestamp\":\"" + at + "\",\"properties\":{\"seconds\":" + seconds + ",\"agent\":\"" + agent
            + "\",\"caller\":\"" + caller + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8), at);
    }

    private static String line(final StatementLine line) {
        return line.code() + " " + line.amount().toPlainString();
    }

    /** The store's keys, read as charge/yyyy-MM[/group] for charge states, raw for the others. */
    private Set<String> entries(final String store) {
        final KeyValueStore<String, Object> kv = rater.driver.getKeyValueStore(store);
        final Set<String> keys = new TreeSet<>();
        try (KeyValueIterator<String, Object> all = kv.all()) {
            all.forEachRemaining(entry -> keys.add(readable(entry.key, store)));
        }
        return keys;
    }

    private static String readable(final String key, final String store) {
        if (!store.equals(StateStores.CHARGE_AGGREGATES.name())) {
            return key;
        }
        final String[] parts = key.split("\u001f");
        final String month = Instant.ofEpochMilli(Long.parseLong(parts[1])).toString().substring(0, 7);
        return parts[2] + "/" + month + (parts.length > 3 ? "/" + parts[3].replaceAll("[\\[\\]\"]", "") : "");
    }
}
