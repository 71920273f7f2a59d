package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.rater.config.RaterSettings;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A calendar month's end makes every subscription of a task due at once. The close runs for at most
 * its budget per punctuation and goes on in the next one, so the work is spread over runs instead
 * of one punctuation that would outlast the transaction, and every subscription gets its statement
 * exactly once.
 */
class MonthEndCloseTest {

    private static final int SUBSCRIPTIONS = 3_000;
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        final Instant written = APRIL.plus(RaterDriver.GRACE).plusSeconds(1);
        rater = new RaterDriver(stateDir, new RaterSettings(RaterDriver.PARTITIONS, Duration.ofDays(35),
            Duration.ofSeconds(10), Duration.ofSeconds(1), RaterDriver.GRACE, Duration.ofSeconds(1),
            Duration.ofDays(60), RaterSettings.DEFAULT_PENDING_LIMIT, RaterSettings.DEFAULT_PENDING_RUN_ENTRIES,
            RaterSettings.DEFAULT_PENDING_RUN_BUDGET, Duration.ofMillis(10)), written.minusSeconds(5));
        rater.plans.pipeInput("base", RaterDriver.monthlyPlan("base", new BigDecimal("10")));
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            final String customer = "c" + i;
            rater.subscriptions.pipeInput(customer, new CustomerSubscriptions(customer, List.of(new Subscription(
                "sub-" + i, customer, "base", null, MARCH, null, "calendar"))), written);
        }
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldSpreadAMonthEndOverRunsAndCloseEverySubscriptionOnce() {
        rater.wallClockBy(Duration.ofSeconds(6));
        final int firstRun = rater.statements.readValuesToList().size();
        assertTrue(firstRun > 0 && firstRun < SUBSCRIPTIONS,
            "one run closes what its 10 ms allow, not the whole month end: " + firstRun);

        final Set<String> closed = new HashSet<>();
        int runs = 1;
        while (closed.size() + firstRun < SUBSCRIPTIONS && runs < 10_000) {
            rater.wallClockBy(Duration.ofSeconds(1));
            for (final PeriodStatement statement : rater.statements.readValuesToList()) {
                assertTrue(closed.add(statement.subscriptionId()), "closed twice: " + statement.subscriptionId());
                // March billed in arrears: 10.00
                assertEquals(new BigDecimal("10.00"), statement.total());
            }
            runs++;
        }
        assertEquals(SUBSCRIPTIONS, closed.size() + firstRun);
        assertTrue(runs > 2, "the month end took " + runs + " runs");
    }
}
