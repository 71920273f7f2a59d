package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement lines carry what an invoice prints: display names and, on usage lines, the unit label. */
class StatementLabelsTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, MARCH.minusSeconds(60));
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.meters.pipeInput("calls", new Meter("calls", "Calls", "call_ended", "count", null, Map.of()));
        rater.addOns.pipeInput("support", new AddOn("support", "Priority support", null, "USD", new BigDecimal("3"),
            null, null, true, 0, null, null));
        rater.coupons.pipeInput("five", new Coupon("five", "Five off", "fixed_amount", null, new BigDecimal("5"),
            "USD", null, null, null, List.of(), true, MARCH, MARCH));
        rater.plans.pipeInput("pro", new Plan("pro", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Pro", null, "monthly", "USD", new BigDecimal("30"), 0, List.of(
                new Charge("voice", "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), null,
                    List.of(), "Voice", null, "Voice minutes", "second"),
                new Charge("calls", "calls", "standard", Map.of("amount", "0"), Map.of(), null, List.of())),
            null, null, new BigDecimal("5"), null, null, null, 0, null, false, null, "Pro plan", null, null, null,
            null))));
        rater.subscribe(new Subscription("sub_1", "acme", "pro", null, MARCH, null, "calendar", 2,
            List.of(new SubscriptionAddOn("support", 1)), List.of("five"), null), MARCH.minusSeconds(60));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldLabelEachLineWithItsDisplayNameAndAUsageLineWithItsUnit() throws Exception {
        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-20T12:00:00Z"));
        rater.wallClockTo(APRIL.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement march = rater.statements.readValue();

        // 30.00 + 2 seats x 5 + support 3 + 500 s x 0.002 = 1.00 => 44.00, less the 5.00 coupon: 39.00
        assertEquals(List.of(
            new StatementLine("subscription", "pro", BigDecimal.ONE, new BigDecimal("30.00"), "Pro plan", null),
            new StatementLine("seats", "seats", new BigDecimal("2"), new BigDecimal("10.00"), "Pro plan", null),
            new StatementLine("add_on", "support", BigDecimal.ONE, new BigDecimal("3.00"), "Priority support", null),
            new StatementLine("usage", "voice", new BigDecimal("500"), new BigDecimal("1.00"), "Voice minutes",
                "second"),
            new StatementLine("usage", "calls", BigDecimal.ONE, new BigDecimal("0.00"), null, null),
            new StatementLine("coupon", "five", BigDecimal.ONE, new BigDecimal("-5.00"), null, null)),
            march.lines());
        assertEquals(new BigDecimal("39.00"), march.total());

        // An unset label is left out of the record, as the statement's other optional fields are.
        final String calls = new String(Json.write(march.lines().get(4)), StandardCharsets.UTF_8);
        assertFalse(calls.contains("invoice_display_name") || calls.contains("unit_label"), calls);
        final String voice = new String(Json.write(march.lines().get(3)), StandardCharsets.UTF_8);
        assertEquals(march.lines().get(3), Json.mapper().readValue(voice, StatementLine.class));
    }
}
