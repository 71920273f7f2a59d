package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.util.List;

/**
 * Lago's graduated percentage model: each range takes its rate (in percent) of the units that fall in it, plus its
 * flat_amount once usage reaches into it; the first range's flat_amount is due even at zero units.
 */
public record GraduatedPercentagePricing(List<Range> ranges) implements ChargePricing {

    /** One tier; {@code toValue} is null for the open last range; {@code rate} is a percentage. */
    public record Range(BigDecimal fromValue, BigDecimal toValue, BigDecimal rate, BigDecimal flatAmount) {
    }

    public GraduatedPercentagePricing {
        ranges = List.copyOf(ranges);
    }

    static GraduatedPercentagePricing parse(PropertyReader properties) {
        final String key = "graduated_percentage_ranges";
        final List<Range> ranges = RangeBounds.read(properties, key, RangeBounds.Joint.ADJACENT_OR_NEXT_UNIT,
                List.of("rate", "flat_amount"),
                (bounds, range) -> new Range(bounds.from(), bounds.to(), range.rate("rate"),
                        range.amount("flat_amount")));
        return new GraduatedPercentagePricing(ranges);
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.GRADUATED_PERCENTAGE;
    }

    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        return GraduatedTiers.amount(ranges, units, Range::toValue, (range, slice) -> Percent.of(slice, range.rate()), Range::flatAmount);
    }
}
