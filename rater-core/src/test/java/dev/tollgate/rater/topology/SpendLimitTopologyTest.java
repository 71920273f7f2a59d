package dev.tollgate.rater.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.rater.state.SpendState;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spend limit caps a subscription's usage amount per period: the event that would take the period's
 * running amount past it is rejected and counts for nothing, one that reaches it exactly is rated, and
 * the next period starts again at zero.
 */
class SpendLimitTopologyTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant CALL = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, CALL);
        rater.meters.pipeInput("seconds", new Meter("seconds", "Seconds", "call_ended", "sum", "seconds", Map.of()));
        rater.meters.pipeInput("sms", new Meter("sms", "Messages", "sms_sent", "count", null, Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    /** 0.01 a second, 0.05 a message after 2 free ones; a spend limit of {@code limit} a month. */
    private void plan(final String limit, final Charge... more) {
        final List<Charge> charges = new ArrayList<>(List.of(
            new Charge("talk", "seconds", "standard", Map.of("amount", "0.01"), Map.of(), null, List.of()),
            new Charge("sms", "sms", "graduated", Map.of("graduated_ranges", List.of(
                Map.of("from_value", 0, "to_value", 2, "per_unit_amount", "0", "flat_amount", "0"),
                Map.of("from_value", 2, "per_unit_amount", "0.05", "flat_amount", "0"))), Map.of(), null, List.of())));
        charges.addAll(List.of(more));
        rater.plans.pipeInput("plan", new Plan("plan", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Plan", null, "monthly", "USD", BigDecimal.ZERO, 0, charges, null, null, null, null, null,
            null, 0, null, false, null, null, null, null, null, null, List.of(), null,
            limit == null ? null : new BigDecimal(limit), null))));
    }

    private void subscribe(final String ownLimit) {
        rater.subscribe(new Subscription("sub_1", "acme", "plan", null, MARCH, null, "calendar", null, List.of(),
            List.of(), null, null, ownLimit == null ? null : new BigDecimal(ownLimit), null), MARCH);
    }

    private void sms(final String id, final Instant at) {
        rater.eventAt(id, "sms_sent", Map.of(), at, at);
    }

    private List<String> rejectedIds(final RejectionReason reason) {
        final List<String> ids = new ArrayList<>();
        for (final UsageRejection rejection : rater.rejected.readValuesToList()) {
            assertEquals(reason, rejection.reason(), rejection.detail());
            ids.add(rejection.eventId());
        }
        return ids;
    }

    private List<String> ratedIds() {
        return rater.rated.readValuesToList().stream().map(RatedUsage::eventId).toList();
    }

    private BigDecimal spent(final Instant periodStart) {
        return spendTotals().get(StateKeys.spend("sub_1", periodStart)).spent();
    }

    private KeyValueStore<String, SpendState> spendTotals() {
        return rater.driver.getKeyValueStore(StateStores.SPEND_TOTALS.name());
    }

    @Test
    void shouldRateTheEventThatReachesTheLimitAndRejectTheOneThatWouldPassIt() {
        plan("1.00");
        subscribe(null);
        rater.call("e1", "acme", "call_ended", 60, CALL);
        rater.call("e2", "acme", "call_ended", 50, CALL);
        rater.call("e3", "acme", "call_ended", 40, CALL);
        rater.call("e4", "acme", "call_ended", 1, CALL);
        // 0.60, then 0.60 + 0.50 = 1.10 > 1.00: rejected and not counted, so 0.60 + 0.40 = 1.00 is rated;
        // then 1.01 > 1.00
        assertEquals(List.of("e1", "e3"), ratedIds());
        final List<UsageRejection> rejections = rater.rejected.readValuesToList();
        assertEquals(List.of("e2", "e4"), rejections.stream().map(UsageRejection::eventId).toList());
        assertTrue(rejections.stream().allMatch(r -> r.reason() == RejectionReason.SPEND_LIMIT_EXCEEDED));
        assertEquals("the event's 0.50 USD would take the usage of subscription sub_1 in the period from "
            + "2026-03-01T00:00:00Z to 1.10 USD, past its spend limit of 1.00 USD", rejections.get(0).detail());
        assertEquals(0, new BigDecimal("1.00").compareTo(spent(MARCH)));
        assertEquals(2, rater.counts.eventsRejected(RejectionReason.SPEND_LIMIT_EXCEEDED));

        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement march = rater.statements.readValue();
        assertEquals(List.of(new StatementLine("usage", "talk", new BigDecimal("100"), new BigDecimal("1.00")),
            new StatementLine("usage", "sms", BigDecimal.ZERO, new BigDecimal("0.00"))), march.lines());
    }

    @Test
    void shouldRateAnEventThatAddsNothingOnceTheLimitIsReached() {
        plan("0.50");
        subscribe(null);
        rater.call("e1", "acme", "call_ended", 50, CALL);
        sms("s1", CALL);
        sms("s2", CALL);
        sms("s3", CALL);
        // the first two messages are free, so they add nothing to the 0.50 spent; the third's 0.05 would pass it
        assertEquals(List.of("e1", "s1", "s2"), ratedIds());
        assertEquals(List.of("s3"), rejectedIds(RejectionReason.SPEND_LIMIT_EXCEEDED));
    }

    @Test
    void shouldStartEachPeriodAtZeroAndForgetTheClosedPeriodsAmount() {
        plan("1.00");
        subscribe(null);
        rater.call("e1", "acme", "call_ended", 100, CALL);
        rater.call("e2", "acme", "call_ended", 1, CALL);
        assertEquals(List.of("e2"), rejectedIds(RejectionReason.SPEND_LIMIT_EXCEEDED));

        final Instant april = APRIL.plusSeconds(600);
        rater.call("a1", "acme", "call_ended", 100, april);
        assertEquals(List.of("e1", "a1"), ratedIds());
        assertEquals(List.of(StateKeys.spend("sub_1", MARCH), StateKeys.spend("sub_1", APRIL)), keys());

        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        assertEquals(new BigDecimal("1.00"), rater.statements.readValue().total());
        // the close deleted March's amount; April's, still open, stays
        assertEquals(List.of(StateKeys.spend("sub_1", APRIL)), keys());
        rater.call("a2", "acme", "call_ended", 1, april.plusSeconds(1));
        assertEquals(List.of("a2"), rejectedIds(RejectionReason.SPEND_LIMIT_EXCEEDED));
    }

    @Test
    void shouldTakeTheSubscriptionsOwnLimitInPlaceOfThePlans() {
        plan("1.00");
        subscribe("0.50");
        rater.call("e1", "acme", "call_ended", 60, CALL);
        rater.call("e2", "acme", "call_ended", 50, CALL);
        assertEquals(List.of("e2"), ratedIds());
        assertEquals(List.of("e1"), rejectedIds(RejectionReason.SPEND_LIMIT_EXCEEDED));
    }

    @Test
    void shouldSumEveryChargeOfTheEventAgainstTheLimit() {
        // a second charge of the same event type on another meter: one call is priced twice
        rater.meters.pipeInput("calls", new Meter("calls", "Calls", "call_ended", "count", null, Map.of()));
        plan("1.00", new Charge("connect", "calls", "standard", Map.of("amount", "0.25"), Map.of(), null,
            List.of()));
        subscribe(null);
        rater.call("e1", "acme", "call_ended", 50, CALL);
        rater.call("e2", "acme", "call_ended", 30, CALL);
        // 0.50 + 0.25 = 0.75; then 0.30 + 0.25 = 0.55 more would make 1.30: neither charge counts it
        assertEquals(List.of("e1", "e1"), ratedIds());
        assertEquals(List.of("e2"), rejectedIds(RejectionReason.SPEND_LIMIT_EXCEEDED));
        assertEquals(0, new BigDecimal("0.75").compareTo(spent(MARCH)));
    }

    @Test
    void shouldKeepNoAmountWithoutUsageThatCosts() {
        plan(null);
        subscribe(null);
        sms("s1", CALL);
        assertEquals(List.of("s1"), ratedIds());
        assertEquals(List.of(), keys());
        rater.call("e1", "acme", "call_ended", 1000, CALL);
        assertEquals(List.of("e1"), ratedIds());
        assertEquals(0, new BigDecimal("10.00").compareTo(spent(MARCH)), "kept without a limit, for one set later");
    }

    private List<String> keys() {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, SpendState> all = spendTotals().all()) {
            all.forEachRemaining((KeyValue<String, SpendState> entry) -> keys.add(entry.key));
        }
        return keys;
    }
}
