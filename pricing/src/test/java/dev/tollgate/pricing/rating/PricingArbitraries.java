package dev.tollgate.pricing.rating;

import dev.tollgate.pricing.charge.ChargePricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random valid charge properties for every model, parsed the way a plan's JSON would be. */
final class PricingArbitraries {

    private PricingArbitraries() {
    }

    static Arbitrary<ChargePricing> anyUnitPricing() {
        return Arbitraries.oneOf(standard(), graduated(), volume(), packaged(), percentage(), graduatedPercentage());
    }

    static Arbitrary<String> amount() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50")).ofScale(4)
                .map(BigDecimal::toPlainString);
    }

    static Arbitrary<String> rate() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(3)
                .map(BigDecimal::toPlainString);
    }

    static Arbitrary<ChargePricing> standard() {
        return amount().map(a -> ChargePricing.parse("standard", Map.of("amount", a)));
    }

    static Arbitrary<ChargePricing> packaged() {
        return Combinators.combine(amount(), Arbitraries.integers().between(1, 50),
                Arbitraries.integers().between(0, 200))
                .as((a, size, free) -> ChargePricing.parse("package",
                        Map.of("amount", a, "package_size", size, "free_units", free)));
    }

    static Arbitrary<ChargePricing> percentage() {
        final Arbitrary<String> optionalAmount = amount().injectNull(0.5);
        return Combinators.combine(rate(), optionalAmount, Arbitraries.integers().between(1, 5).injectNull(0.5),
                Arbitraries.integers().between(1, 500).map(String::valueOf).injectNull(0.5),
                amount().injectNull(0.6), amount().injectNull(0.6))
                .as((rate, fixed, perEvents, perTotal, min, max) -> {
                    final Map<String, Object> props = new LinkedHashMap<>();
                    props.put("rate", rate);
                    props.put("fixed_amount", fixed);
                    props.put("free_units_per_events", perEvents);
                    props.put("free_units_per_total_aggregation", perTotal);
                    if (min != null && max != null && new BigDecimal(min).compareTo(new BigDecimal(max)) > 0) {
                        props.put("per_transaction_min_amount", max);
                        props.put("per_transaction_max_amount", min);
                    } else {
                        props.put("per_transaction_min_amount", min);
                        props.put("per_transaction_max_amount", max);
                    }
                    return ChargePricing.parse("percentage", props);
                });
    }

    static Arbitrary<ChargePricing> graduated() {
        return ranges("per_unit_amount", amount(), Arbitraries.of(true, false))
                .map(r -> ChargePricing.parse("graduated", Map.of("graduated_ranges", r)));
    }

    static Arbitrary<ChargePricing> graduatedPercentage() {
        return ranges("rate", rate(), Arbitraries.of(true, false))
                .map(r -> ChargePricing.parse("graduated_percentage", Map.of("graduated_percentage_ranges", r)));
    }

    static Arbitrary<ChargePricing> volume() {
        return ranges("per_unit_amount", amount(), Arbitraries.just(false))
                .map(r -> ChargePricing.parse("volume", Map.of("volume_ranges", r)));
    }

    /**
     * 1 to 4 ranges with widths of 1 to 100 units, adjacent (0..10, 10..20) or in whole units (0..10, 11..20).
     */
    private static Arbitrary<List<Map<String, Object>>> ranges(String priceKey, Arbitrary<String> price,
            Arbitrary<Boolean> adjacent) {
        final Arbitrary<Map<String, Object>> tier = Combinators.combine(
                Arbitraries.integers().between(1, 100), price, amount())
                .as((width, p, flat) -> {
                    final Map<String, Object> range = new LinkedHashMap<>();
                    range.put("width", width);
                    range.put(priceKey, p);
                    range.put("flat_amount", flat);
                    return range;
                });
        return Combinators.combine(tier.list().ofMinSize(1).ofMaxSize(4), adjacent).as((tiers, isAdjacent) -> {
            final List<Map<String, Object>> ranges = new ArrayList<>();
            int to = 0;
            for (int i = 0; i < tiers.size(); i++) {
                final Map<String, Object> range = new LinkedHashMap<>(tiers.get(i));
                final int width = (Integer) range.remove("width");
                final int from = i == 0 ? 0 : isAdjacent ? to : to + 1;
                to = from + width;
                range.put("from_value", from);
                range.put("to_value", i == tiers.size() - 1 ? null : to);
                ranges.add(range);
            }
            return ranges;
        });
    }
}
