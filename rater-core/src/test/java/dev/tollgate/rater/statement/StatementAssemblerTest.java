package dev.tollgate.rater.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.catalog.SubscriptionAddOn;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.rater.state.ChargeSlot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementAssemblerTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Meter MESSAGES = new Meter("messages", "Messages", "message_sent", "count", null, Map.of());
    private static final AddOn WHATSAPP = new AddOn("whatsapp", "WhatsApp channel", null, "IDR",
        new BigDecimal("50000"), null, "per_seat", true, 0, null, null);
    private static final AddOn REPORTS = new AddOn("reports", "Reports", null, "IDR", new BigDecimal("25000"), null,
        "flat", true, 0, null, null);
    private static final Coupon WELCOME = new Coupon("WELCOME10", "Welcome", "percentage", BigDecimal.TEN, null,
        null, null, null, null, List.of(), true, null, null);

    private final StatementAssembler assembler = new StatementAssembler(
        Map.of("messages", MESSAGES)::get, Map.of("whatsapp", WHATSAPP, "reports", REPORTS)::get,
        Map.of("WELCOME10", WELCOME)::get);

    private static PlanVersion plan() {
        return new PlanVersion(1, Instant.EPOCH, "Team", null, "monthly", "IDR", new BigDecimal("100000"), 0,
            List.of(new Charge("messages", "messages", "standard", Map.of("amount", "150"), Map.of(), null, List.of())),
            null, null, new BigDecimal("20000"), null, null, null, 0, null, false, null, null, null, null, null, null);
    }

    @Test
    void shouldBillBaseSeatsAddOnsUsageAndCouponsRoundedPerLine() {
        final PlanVersion version = plan();
        final Subscription subscription = new Subscription("sub_1", "acme", "team", null, MARCH, null, "calendar", 3,
            List.of(new SubscriptionAddOn("whatsapp", 2), new SubscriptionAddOn("reports", 1)), List.of("WELCOME10"),
            null);
        final ChargeState used = new ChargeState(new BigDecimal("7"), 7, new BigDecimal("1050"), List.of(), null,
            BigDecimal.ZERO, 0, BigDecimal.ZERO);
        final BillingPeriod period = new BillingPeriod(MARCH, APRIL);

        final PeriodStatement statement = assembler.assemble(subscription, new Plan("team", Plan.PlanStatus.ACTIVE,
            List.of(version)), version, period, period, Map.of(ChargeSlot.of("messages"), used), APRIL);

        final Map<String, BigDecimal> amounts = new java.util.LinkedHashMap<>();
        for (final StatementLine line : statement.lines()) {
            amounts.put(line.type() + ":" + line.code(), line.amount());
        }
        // base 100000; seats 3 x 20000 = 60000; whatsapp per seat: 2 x 3 seats x 50000 = 300000;
        // reports flat 25000; usage 7 x 150 = 1050 => subtotal 486050; 10% coupon => -48605 => 437445
        assertEquals(0, new BigDecimal("100000").compareTo(amounts.get("subscription:team")));
        assertEquals(0, new BigDecimal("60000").compareTo(amounts.get("seats:seats")));
        assertEquals(0, new BigDecimal("300000").compareTo(amounts.get("add_on:whatsapp")));
        assertEquals(0, new BigDecimal("25000").compareTo(amounts.get("add_on:reports")));
        assertEquals(0, new BigDecimal("1050").compareTo(amounts.get("usage:messages")));
        assertEquals(0, new BigDecimal("486050").compareTo(statement.subtotal()));
        assertEquals(0, new BigDecimal("437445").compareTo(statement.total()));
        assertEquals(0, statement.lines().stream().map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
            .compareTo(statement.total()), "the total is the sum of the rounded lines");
    }

    @Test
    void shouldProrateTheBaseWhenTheSubscriptionEndsMidPeriod() {
        final PlanVersion version = plan();
        final Instant ended = Instant.parse("2026-03-16T00:00:00Z");
        final Subscription subscription = new Subscription("sub_2", "acme", "team", null, MARCH, ended, "calendar");
        final BillingPeriod grid = new BillingPeriod(MARCH, APRIL);

        final PeriodStatement statement = assembler.assemble(subscription, new Plan("team", Plan.PlanStatus.ACTIVE,
            List.of(version)), version, grid, new BillingPeriod(MARCH, ended), Map.of(), ended);

        // 15 of March's 31 days: 100000 x 15 / 31 = 48387.09... => 48387 in IDR; no usage, no seats
        assertEquals(0, new BigDecimal("48387").compareTo(statement.total()), statement.lines().toString());
        assertEquals(ended, statement.period().end());
    }
}
