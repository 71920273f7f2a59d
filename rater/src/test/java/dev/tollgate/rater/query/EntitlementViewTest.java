package dev.tollgate.rater.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.json.Json;
import dev.tollgate.rater.query.EntitlementView.ChargeEntitlement;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntitlementViewTest {

    private static BigDecimal units(final String value) {
        return new BigDecimal(value);
    }

    @Test
    void shouldAllowAndReportNoLimitWhenNoChargeHasOne() {
        final EntitlementView view = EntitlementView.of("acme", "calls", List.of(
            ChargeEntitlement.of("inbound", units("70"), null, true),
            ChargeEntitlement.of("outbound", units("30"), null, false)));

        assertTrue(view.allowed());
        // 70 + 30 = 100
        assertEquals(0, units("100").compareTo(view.usage()));
        assertNull(view.limit());
        assertNull(view.remaining());
        assertFalse(view.charges().get(0).enforce(), "no limit, nothing to enforce");
    }

    @Test
    void shouldReportTheLimitWithTheLeastRemaining() {
        final EntitlementView view = EntitlementView.of("acme", "calls", List.of(
            ChargeEntitlement.of("big", units("100"), units("1000"), false),
            ChargeEntitlement.of("small", units("40"), units("50"), true),
            ChargeEntitlement.of("free", units("5"), null, false)));

        assertTrue(view.allowed());
        assertEquals(0, units("145").compareTo(view.usage()));
        // remaining: big 1000 - 100 = 900, small 50 - 40 = 10 => small binds
        assertEquals(0, units("50").compareTo(view.limit()));
        assertEquals(0, units("10").compareTo(view.remaining()));
    }

    @Test
    void shouldRefuseOnlyWhenAnEnforcedLimitHasNothingLeft() {
        final EntitlementView unenforced = EntitlementView.of("acme", "calls", List.of(
            ChargeEntitlement.of("soft", units("120"), units("100"), false)));
        final EntitlementView enforced = EntitlementView.of("acme", "calls", List.of(
            ChargeEntitlement.of("soft", units("120"), units("100"), false),
            ChargeEntitlement.of("hard", units("20.5"), units("20.5"), true)));

        assertTrue(unenforced.allowed(), "past an unenforced limit, use goes on and alerts");
        assertEquals(0, BigDecimal.ZERO.compareTo(unenforced.remaining()), "remaining is never negative");
        assertFalse(enforced.allowed());
        assertEquals(0, BigDecimal.ZERO.compareTo(enforced.remaining()));
    }

    @Test
    void shouldWriteNullLimitsRatherThanLeaveThemOut() {
        final String json = Json.writeString(EntitlementView.of("acme", "calls", List.of(
            ChargeEntitlement.of("free", units("5"), null, false))));

        assertEquals("{\"customer_id\":\"acme\",\"meter\":\"calls\",\"allowed\":true,\"usage\":\"5\",\"limit\":null,"
            + "\"remaining\":null,\"charges\":[{\"code\":\"free\",\"usage\":\"5\",\"limit\":null,\"remaining\":null,"
            + "\"enforce\":false}],\"credits\":null}", json);
    }

    @Test
    void shouldRefuseUseOnceABlockingWalletIsEmpty() {
        final EntitlementView view = EntitlementView.of("acme", "calls", List.of(
            ChargeEntitlement.of("free", units("5"), null, false)));
        assertTrue(view.withCredits(new EntitlementView.Credits("USD", units("0.01"), true)).allowed());
        assertEquals(false, view.withCredits(new EntitlementView.Credits("USD", units("0"), true)).allowed());
        assertTrue(view.withCredits(new EntitlementView.Credits("USD", units("0"), false)).allowed(),
            "without blocking, usage past the credit is billed");
    }

    @Test
    void shouldBindAGroupedChargeByItsMostConstrainedGroup() {
        final EntitlementView view = EntitlementView.of("acme", "calls", List.of(
            ChargeEntitlement.grouped("per_region", List.of("region"), units("130"), units("100"), true, 2, List.of(
                EntitlementView.GroupEntitlement.of(List.of("eu"), units("100"), units("100")),
                EntitlementView.GroupEntitlement.of(List.of("us"), units("30"), units("100"))))));

        assertFalse(view.allowed(), "eu is at its limit: without a group asked for, the answer is eu's");
        // usage 100 + 30 = 130 over the groups; the limit applies to each, eu has 0 left
        assertEquals(0, units("130").compareTo(view.usage()));
        assertEquals(0, units("100").compareTo(view.limit()));
        assertEquals(0, BigDecimal.ZERO.compareTo(view.remaining()));
        assertEquals(0, units("70").compareTo(view.charges().get(0).groups().get(1).remaining()));
    }

    @Test
    void shouldGiveAGroupedChargeWithoutUsageAFreshGroupsRoom() {
        final ChargeEntitlement charge = ChargeEntitlement.grouped("per_region", List.of("region"), BigDecimal.ZERO,
            units("100"), true, 0, List.of());

        assertEquals(0, units("100").compareTo(charge.remaining()));
        assertTrue(EntitlementView.of("acme", "calls", List.of(charge)).allowed());
    }

    @Test
    void shouldWriteAGroupedChargesGroupsWithNullValues() {
        final String json = Json.writeString(ChargeEntitlement.grouped("per_region", List.of("region"), units("5"),
            null, false, 1, List.of(EntitlementView.GroupEntitlement.of(java.util.Arrays.asList((String) null),
                units("5"), null))));

        assertEquals("{\"code\":\"per_region\",\"usage\":\"5\",\"limit\":null,\"remaining\":null,\"enforce\":false,"
            + "\"group_keys\":[\"region\"],\"group_count\":1,\"groups\":[{\"group\":[null],\"usage\":\"5\","
            + "\"limit\":null,\"remaining\":null}]}", json);
    }
}
