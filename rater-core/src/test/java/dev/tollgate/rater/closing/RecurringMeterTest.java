package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recurring meter counts things that exist: its value carries from one period into the next until
 * a report changes it, so a quiet month bills what the last one ended with and an enforced limit
 * holds against it; a plain latest meter starts every period from nothing. The last period's close
 * forgets the carried value.
 */
class RecurringMeterTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-05-20T00:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, Instant.parse("2026-03-10T12:00:00Z"));
        rater.meters.pipeInput("bots", new Meter("bots", "Bots", "bots_reported", "latest", "count", Map.of(), false,
            true));
        rater.meters.pipeInput("agents", new Meter("agents", "Agents", "agents_reported", "latest", "count",
            Map.of()));
        rater.plans.pipeInput("chat", RaterDriver.monthlyPlan("chat", BigDecimal.ZERO,
            new Charge("bots", "bots", "standard", Map.of("amount", "2"), Map.of(),
                new ChargeLimit(BigDecimal.TEN, true), List.of()),
            new Charge("agents", "agents", "standard", Map.of("amount", "3"), Map.of(), null, List.of())));
        rater.subscribe(new Subscription("sub_1", "acme", "chat", null, MARCH, null, "calendar"), MARCH);
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldCarryTheLastValueIntoQuietPeriodsAndHoldTheLimitAgainstIt() {
        report("b1", "bots_reported", 7, Instant.parse("2026-03-05T10:00:00Z"));
        report("a1", "agents_reported", 4, Instant.parse("2026-03-05T10:00:00Z"));
        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(2));
        // 7 bots x 2 = 14.00; 4 agents x 3 = 12.00
        assertEquals(List.of("bots 7 14.00", "agents 4 12.00"), lines(rater.statements.readValue()));

        rater.wallClockTo(MAY.plus(RaterDriver.GRACE).plusSeconds(2));
        assertEquals(List.of("bots 7 14.00", "agents 0 0.00"), lines(rater.statements.readValue()),
            "April had no report: the bots carry, the plain latest meter starts from nothing");

        report("b2", "bots_reported", 9, Instant.parse("2026-05-03T10:00:00Z"));
        final RatedUsage nine = rater.rated.readValuesToList().stream()
            .filter(rated -> rated.eventId().equals("b2")).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("2").compareTo(nine.units()), "two bots more than May opened with");
        assertEquals(0, new BigDecimal("4").compareTo(nine.amount()), "2 bots x 2");
        report("b3", "bots_reported", 12, Instant.parse("2026-05-04T10:00:00Z"));
        final UsageRejection over = rater.rejected.readValue();
        assertEquals("b3", over.eventId());
        assertEquals(RejectionReason.LIMIT_EXCEEDED, over.reason());

        rater.subscribe(new Subscription("sub_1", "acme", "chat", null, MARCH, ENDED, "calendar"),
            Instant.parse("2026-05-10T00:00:00Z"));
        assertTrue(carried().contains("bots"), carried().toString());
        rater.wallClockTo(ENDED.plus(RaterDriver.GRACE).plusSeconds(2));
        final PeriodStatement last = rater.statements.readValue();
        assertEquals(List.of("bots 9 18.00", "agents 0 0.00"), lines(last));
        assertEquals(List.of(), carried(), "the subscription's last close forgets what it carried");
    }

    private void report(final String id, final String type, final int count, final Instant at) {
        rater.usage.pipeInput("acme", ("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"customer_id\":\"acme\","
            + "\"timestamp\":\"" + at + "\",\"properties\":{\"count\":" + count + "}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8), at);
    }

    private static List<String> lines(final PeriodStatement statement) {
        return statement.lines().stream().filter(line -> line.type().equals("usage"))
            .map(RecurringMeterTest::line).toList();
    }

    private static String line(final StatementLine line) {
        return line.code() + " " + line.units().toPlainString() + " " + line.amount().toPlainString();
    }

    /** The charges whose value is carried past a closed period. */
    private List<String> carried() {
        final KeyValueStore<String, Object> kv = rater.driver.getKeyValueStore(StateStores.CHARGE_AGGREGATES.name());
        final List<String> charges = new ArrayList<>();
        try (KeyValueIterator<String, Object> all = kv.all()) {
            all.forEachRemaining(entry -> {
                final String[] parts = entry.key.split("\u001f");
                if (parts[1].equals("carry")) {
                    charges.add(parts[2]);
                }
            });
        }
        return charges;
    }
}
