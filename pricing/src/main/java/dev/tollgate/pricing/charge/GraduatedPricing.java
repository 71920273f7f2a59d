package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.util.List;

/**
 * Lago's graduated model: each range prices the units that fall in it at its per_unit_amount, and adds its
 * flat_amount once usage reaches into it. The first range's flat_amount is due even at zero units, as in Lago.
 */
public record GraduatedPricing(List<Range> ranges) implements ChargePricing {

    /** One tier; {@code toValue} is null for the open last range. */
    public record Range(BigDecimal fromValue, BigDecimal toValue, BigDecimal perUnitAmount, BigDecimal flatAmount) {
    }

    public GraduatedPricing {
        ranges = List.copyOf(ranges);
    }

    static GraduatedPricing parse(PropertyReader properties) {
        final String key = "graduated_ranges";
        final List<Range> ranges = RangeBounds.read(properties, key, RangeBounds.Joint.ADJACENT_OR_NEXT_UNIT,
                List.of("per_unit_amount", "flat_amount"),
                (bounds, range) -> new Range(bounds.from(), bounds.to(), range.amount("per_unit_amount"),
                        range.amount("flat_amount")));
        return new GraduatedPricing(ranges);
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.GRADUATED;
    }

    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        return GraduatedTiers.amount(ranges, units, Range::toValue, (range, slice) -> slice.multiply(range.perUnitAmount()), Range::flatAmount);
    }
}
