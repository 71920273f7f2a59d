package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.NOW;
import static dev.tollgate.rater.topology.RaterDriver.START;
import static dev.tollgate.rater.topology.RaterDriver.charge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A unique_count charge keeps one store entry per distinct value; its state keeps only the count. */
class UniqueCountStateTopologyTest {

    private static final int USERS = 2_000;

    @TempDir
    Path stateDir;

    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
        rater.meter(new Meter("users", "Active users", "login", "unique_count", "user", Map.of()));
        rater.plan(charge("users", "users", "standard", Map.of("amount", "0.5"), Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldKeepTheChargeStateSmallHoweverManyDistinctValuesCome() {
        final String padding = "x".repeat(500);
        for (int i = 0; i < USERS; i++) {
            rater.event("e" + i, "login", Map.of("user", padding + i));
        }
        rater.event("again", "login", Map.of("user", padding + 7));

        final List<RatedUsage> out = rater.rated.readValuesToList();
        assertEquals(USERS + 1, out.size());
        // 2,000 distinct users x 0.5 = 1000; the repeat adds nothing
        assertAmount("2000", out.get(USERS).totalUnits());
        assertAmount("0", out.get(USERS).amount());
        final KeyValueStore<String, ChargeState> aggregates =
            rater.driver.getKeyValueStore(StateStores.CHARGE_AGGREGATES.name());
        final ChargeState state = aggregates.get(StateKeys.charge("sub_1", ChargeSlot.of("users"), START));
        assertAmount("1000", state.amount());
        assertEquals(List.of(), state.distinctValues(), "1 MB of user ids would not fit one state value");
        assertEquals(USERS, entries(rater.driver.getKeyValueStore(StateStores.DISTINCT_VALUES.name())));
    }

    @Test
    void shouldForgetAPeriodsDistinctValuesWhenItCloses() {
        rater.event("e1", "login", Map.of("user", "ana"));
        rater.event("e2", "login", Map.of("user", "bo"));
        final Instant april = Instant.parse("2026-04-01T01:30:00Z");
        rater.eventAt("e3", "login", Map.of("user", "ana"), april, april);
        rater.driver.advanceWallClockTime(Duration.between(NOW, april.plusSeconds(5)));

        final PeriodStatement march = rater.statements.readValue();
        // 2 users x 0.5 = 1.00
        assertAmount("1", march.total());
        final KeyValueStore<String, Long> distinct = rater.driver.getKeyValueStore(StateStores.DISTINCT_VALUES.name());
        // only April's ana is left
        assertEquals(1, entries(distinct));
        assertTrue(distinct.get(StateKeys.distinct(StateKeys.charge("sub_1", ChargeSlot.of("users"),
            Instant.parse("2026-04-01T00:00:00Z")), "ana")) != null);
    }

    private static int entries(final KeyValueStore<String, Long> store) {
        int count = 0;
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private static void assertAmount(final String expected, final BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
    }
}
