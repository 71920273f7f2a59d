package dev.tollgate.rater.topology;

import static dev.tollgate.rater.topology.RaterDriver.GRACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.rater.state.StateStores;
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
 * A charge with pricing_group_keys and a limit: the limit, its thresholds and its alerts apply to each
 * group's own aggregate, and the period's close forgets each group's alert marks.
 */
class GroupedLimitTopologyTest {

    private static final List<BigDecimal> THRESHOLDS = List.of(new BigDecimal("50"), new BigDecimal("80"));

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir);
        rater.meter(new Meter("seconds", "Seconds", "call", "sum", "seconds", Map.of()));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldRejectAGroupAtItsLimitWhileAnotherGroupStillRates() {
        regionCharge(true);
        call("eu1", "eu", 60);
        call("us1", "us", 60);
        call("eu2", "eu", 40);
        call("eu3", "eu", 1);
        call("us2", "us", 40);

        // eu holds 100 s, its limit: one more second is refused, while us, also at 60 s then, takes 40 more
        assertEquals(List.of("eu1", "us1", "eu2", "us2"), rater.rated.readValuesToList().stream()
            .map(RatedUsage::eventId).toList());
        final UsageRejection rejection = rater.rejected.readValue();
        assertEquals("eu3", rejection.eventId());
        assertEquals(RejectionReason.LIMIT_EXCEEDED, rejection.reason());
        assertEquals("charge per_region (group region=eu) would reach 101 units, past its limit of 100 per group",
            rejection.detail());
        assertTrue(rater.rejected.isEmpty());
    }

    @Test
    void shouldAlertEachThresholdOncePerGroup() {
        regionCharge(true);
        call("eu1", "eu", 60);
        call("us1", "us", 50);
        call("eu2", "eu", 10);
        call("eu3", "eu", 15);
        call("us2", "us", 49);
        call("eu4", "eu", 5);

        // eu: 60 crosses 50 %, 85 crosses 80 %, 90 nothing new; us: 50 crosses 50 %, 99 crosses 80 %
        assertEquals(List.of("eu1 [eu] 50 60", "us1 [us] 50 50", "eu3 [eu] 80 85", "us2 [us] 80 99"),
            alerts());
    }

    @Test
    void shouldAlertAnUnenforcedLimitPassedOncePerGroup() {
        regionCharge(false);
        call("eu1", "eu", 120);
        call("eu2", "eu", 10);
        call("us1", "us", 90);
        call("us2", "us", 20);
        call("none", null, 101);

        assertEquals(5, rater.rated.readValuesToList().size(), "an unenforced limit counts every event");
        final List<UsageAlert> out = rater.alerts.readValuesToList();
        // eu passes 100 at once (50 %, 80 %, the limit); us reaches 80 % at 90 and passes the limit at 110;
        // the events without a region are their own group
        assertEquals(List.of("eu1 [eu] 50 120", "eu1 [eu] 80 120", "eu1 [eu] LIMIT_EXCEEDED 120",
            "us1 [us] 50 90", "us1 [us] 80 90", "us2 [us] LIMIT_EXCEEDED 110",
            "none [null] 50 101", "none [null] 80 101", "none [null] LIMIT_EXCEEDED 101"),
            out.stream().map(GroupedLimitTopologyTest::line).toList());
    }

    @Test
    void shouldForgetEachGroupsAlertMarksWhenThePeriodCloses() {
        regionCharge(true);
        call("eu1", "eu", 90);
        call("us1", "us", 55);
        call("de1", "de", 10);
        assertEquals(3, alerts().size());
        assertEquals(3, marks(), "eu: 50 % and 80 %; us: 50 %");

        final Instant april = Instant.parse("2026-04-01T00:00:00Z");
        rater.wallClockTo(april.plus(GRACE).plusSeconds(2));
        final PeriodStatement march = rater.statements.readValue();
        assertEquals(List.of("per_region[de]", "per_region[eu]", "per_region[us]"),
            march.lines().stream().map(line -> line.code()).toList());
        // (10 s + 90 s + 55 s) x 0.01
        assertEquals(0, new BigDecimal("1.55").compareTo(march.total()), march.total()::toPlainString);
        assertEquals(0, marks(), "the closed period's marks of every group are deleted");

        final Instant inApril = april.plus(GRACE).plusSeconds(3);
        rater.eventAt("eu-april", "call", Map.of("seconds", 60, "region", "eu"), inApril, inApril);
        assertEquals(List.of("eu-april [eu] 50 60"), alerts(), "a new period alerts afresh");
        assertEquals(1, marks());
    }

    private void regionCharge(final boolean enforce) {
        rater.plan(new Charge("per_region", "seconds", "standard", Map.of("amount", "0.01", "pricing_group_keys",
            List.of("region")), Map.of(), new ChargeLimit(new BigDecimal("100"), enforce), THRESHOLDS));
    }

    private void call(final String id, final String region, final int seconds) {
        final Map<String, Object> properties = new java.util.HashMap<>(Map.of("seconds", seconds));
        if (region != null) {
            properties.put("region", region);
        }
        rater.event(id, "call", properties);
    }

    private List<String> alerts() {
        return rater.alerts.readValuesToList().stream().map(GroupedLimitTopologyTest::line).toList();
    }

    private static String line(final UsageAlert alert) {
        return alert.eventId() + " " + alert.group() + " "
            + (alert.kind() == UsageAlert.Kind.THRESHOLD ? alert.threshold().toPlainString() : alert.kind().name())
            + " " + alert.units().toPlainString();
    }

    private int marks() {
        final KeyValueStore<String, Long> store = rater.driver.getKeyValueStore(StateStores.ALERTS_SENT.name());
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys.size();
    }
}
