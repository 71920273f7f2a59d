package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan billed {@code in_advance}: the first period's fees on an opening statement at the start,
 * each closing statement the next period's, and the unused part back when billing ends mid-period.
 */
class InAdvanceBillingTest {

    private static final Instant STARTED = Instant.parse("2026-03-15T10:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-04-10T09:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;
    private Subscription subscription;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, STARTED.minusSeconds(60));
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.addOns.pipeInput("support", new AddOn("support", "Support", null, "USD", new BigDecimal("3"), null,
            null, true, 0, null, null));
        subscription = new Subscription("sub_1", "acme", "pro", null, STARTED, null, "calendar", 2,
            List.of(new SubscriptionAddOn("support", 1)), List.of(), null);
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    private void plan(final String currency, final String amount, final String seatPrice) {
        rater.plans.pipeInput("pro", new Plan("pro", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Pro", null, "monthly", currency, new BigDecimal(amount), 0, List.of(new Charge("calls",
            "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), null, List.of())), null, null,
            new BigDecimal(seatPrice), null, "in_advance", null, 0, null, false, null, null, null, null, null,
            null))));
    }

    private static StatementLine line(final String type, final String code, final String units,
                                      final String amount) {
        return new StatementLine(type, code, new BigDecimal(units), new BigDecimal(amount));
    }

    /** An add-on line, named by the add-on as an invoice prints it. */
    private static StatementLine support(final String type, final String amount) {
        return new StatementLine(type, "support", BigDecimal.ONE, new BigDecimal(amount), "Support", null);
    }

    @Test
    void shouldBillTheFirstPeriodAtTheStartAndCreditTheUnusedPartAtTermination() {
        plan("USD", "30", "5");
        rater.subscribe(subscription, STARTED.minusSeconds(60));
        rater.wallClockTo(STARTED.minusSeconds(1));
        assertTrue(rater.statements.isEmpty(), "the subscription has not started yet");

        rater.wallClockTo(STARTED.plusSeconds(1));
        final PeriodStatement opening = rater.statements.readValue();
        assertEquals(PeriodStatement.OPENING, opening.kind());
        assertEquals("sub_1/2026-03-01T00:00:00Z/opening", opening.id());
        assertEquals(STARTED, opening.period().start());
        // March from the 15th: 17 of 31 days. 30 x 17/31 = 16.451.. => 16.45; 2 seats x 5 = 10 x 17/31 = 5.483..
        // => 5.48; support 3 x 17/31 = 1.645.. => 1.65; 16.45 + 5.48 + 1.65 = 23.58
        assertEquals(List.of(line("subscription", "pro", "1", "16.45"), line("seats", "seats", "2", "5.48"),
            support("add_on", "1.65")), opening.lines());
        assertEquals(new BigDecimal("23.58"), opening.total());
        rater.wallClockBy(Duration.ofSeconds(5));
        assertTrue(rater.statements.isEmpty(), "one opening statement");

        rater.call("e1", "acme", "call_ended", 500, Instant.parse("2026-03-20T12:00:00Z"));
        rater.wallClockTo(Instant.parse("2026-04-01T01:00:01Z"));
        final PeriodStatement march = rater.statements.readValue();
        // April in advance, whole: 30.00, seats 10.00, support 3.00; March's usage 500 s x 0.002 = 1.00 => 44.00
        assertEquals(List.of(line("subscription", "pro", "1", "30.00"), line("seats", "seats", "2", "10.00"),
            support("add_on", "3.00"), line("usage", "calls", "500", "1.00")), march.lines());
        assertEquals(new BigDecimal("44.00"), march.total());

        rater.call("e2", "acme", "call_ended", 250, Instant.parse("2026-04-05T12:00:00Z"));
        rater.subscribe(subscription.endedAt(ENDED), ENDED);
        rater.wallClockTo(ENDED.plus(RaterDriver.GRACE).plusSeconds(1));
        final PeriodStatement april = rater.statements.readValue();
        assertEquals(ENDED, april.period().end());
        // April owes 10 of 30 days: 30 x 10/30 = 10.00 of the 30.00 billed => -20.00; seats 10 x 10/30 = 3.33
        // of 10.00 => -6.67; support 3 x 10/30 = 1.00 of 3.00 => -2.00; usage 250 s x 0.002 = 0.50;
        // -20.00 - 6.67 - 2.00 + 0.50 = -28.17
        assertEquals(List.of(line("advance_credit", "pro", "1", "-20.00"), line("advance_credit", "seats", "2", "-6.67"),
            support("advance_credit", "-2.00"), line("usage", "calls", "250", "0.50")), april.lines());
        assertEquals(new BigDecimal("-28.17"), april.total());
        assertTrue(rater.statements.isEmpty());
    }

    @Test
    void shouldRoundTheOpeningAndTheCreditToWholeRupiah() {
        plan("IDR", "150000", "33333");
        rater.subscribe(subscription, STARTED.minusSeconds(60));
        rater.wallClockTo(STARTED.plusSeconds(1));
        final PeriodStatement opening = rater.statements.readValue();
        // 150,000 x 17/31 = 82,258.06 => 82,258; 2 x 33,333 = 66,666 x 17/31 = 36,558.77 => 36,559;
        // the USD add-on is not billed on an IDR plan
        assertEquals(List.of(line("subscription", "pro", "1", "82258"), line("seats", "seats", "2", "36559")),
            opening.lines());
        assertEquals(new BigDecimal("118817"), opening.total());

        // Terminated in its first period, on Mar 20 00:00: 5 of 31 days owed
        rater.subscribe(subscription.endedAt(Instant.parse("2026-03-20T00:00:00Z")), STARTED.plusSeconds(2));
        rater.wallClockTo(Instant.parse("2026-03-20T01:00:01Z"));
        final PeriodStatement closing = rater.statements.readValue();
        // 150,000 x 5/31 = 24,193.55 => 24,194 - 82,258 = -58,064; 66,666 x 5/31 = 10,752.58 => 10,753 - 36,559
        // = -25,806; no usage line amount: 0
        assertEquals(List.of(line("advance_credit", "pro", "1", "-58064"),
            line("advance_credit", "seats", "2", "-25806"), line("usage", "calls", "0", "0")), closing.lines());
        assertEquals(new BigDecimal("-83870"), closing.total());
    }

    @Test
    void shouldGiveBackOnlyWhatWasPaidAfterTheOpeningsCoupon() {
        plan("USD", "30", "5");
        rater.coupons.pipeInput("twenty", new Coupon("twenty", "Twenty off", "percentage", new BigDecimal("20"),
            null, null, null, null, null, List.of(), true, STARTED, STARTED));
        final Subscription discounted = new Subscription("sub_1", "acme", "pro", null, STARTED, null, "calendar", 2,
            List.of(), List.of("twenty"), null);
        rater.subscribe(discounted, STARTED.minusSeconds(60));
        rater.wallClockTo(STARTED.plusSeconds(1));
        final PeriodStatement opening = rater.statements.readValue();
        // 16.45 + 5.48 = 21.93; 20% off = 4.386 => 4.39; paid 17.54, a share of 17.54 / 21.93 of each fee
        assertEquals(List.of(line("subscription", "pro", "1", "16.45"), line("seats", "seats", "2", "5.48"),
            line("coupon", "twenty", "1", "-4.39")), opening.lines());

        // Terminated on Mar 20 00:00, 5 of 31 days owed, nothing used
        rater.subscribe(discounted.endedAt(Instant.parse("2026-03-20T00:00:00Z")), STARTED.plusSeconds(2));
        rater.wallClockTo(Instant.parse("2026-03-20T01:00:01Z"));
        final PeriodStatement closing = rater.statements.readValue();
        // base owes 30 x 5/31 = 4.84 of 16.45: -11.61 x 17.54/21.93 = -9.286.. => -9.29; seats owe 10 x 5/31 = 1.61
        // of 5.48: -3.87 x 17.54/21.93 = -3.095.. => -3.10. No coupon on a credit: the opening's coupon is in it.
        assertEquals(List.of(line("advance_credit", "pro", "1", "-9.29"), line("advance_credit", "seats", "2", "-3.10"),
            line("usage", "calls", "0", "0.00")), closing.lines());
        // Paid over both: 17.54 - 12.39 = 5.15, 20% off the 6.45 owed (4.84 + 1.61) is 5.16, a cent of rounding
        assertEquals(new BigDecimal("-12.39"), closing.total());
    }

    @Test
    void shouldRefundAnOpeningStatement() {
        plan("USD", "30", "5");
        rater.subscribe(subscription, STARTED.minusSeconds(60));
        rater.wallClockTo(STARTED.plusSeconds(1));
        final PeriodStatement opening = rater.statements.readValue();

        rater.refunds.pipeInput("acme", new RefundRequest("r1", "sub_1", opening.id(), new BigDecimal("5"),
            "goodwill", STARTED.plusSeconds(5)), STARTED.plusSeconds(5));
        final PeriodStatement refund = rater.statements.readValue();
        assertEquals(opening.id() + "/refunds/r1", refund.id());
        assertEquals(new BigDecimal("-5.00"), refund.total().setScale(2));
        final Refund outcome = rater.driver.<String, Refund>getKeyValueStore(StateStores.REFUNDS.name())
            .get(StateKeys.refund("sub_1", "r1"));
        // 23.58 - 5.00 = 18.58 left
        assertEquals(new BigDecimal("18.58"), outcome.remaining());
    }
}
