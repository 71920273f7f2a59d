package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.util.List;

/**
 * Lago's volume model: the range that the period's total falls in prices every unit, plus its flat_amount. Zero
 * units fall in the first range, so its flat_amount is due even without usage, as in Lago.
 */
public record VolumePricing(List<Range> ranges) implements ChargePricing {

    /** One volume band; {@code toValue} is null for the open last range. */
    public record Range(BigDecimal fromValue, BigDecimal toValue, BigDecimal perUnitAmount, BigDecimal flatAmount) {
    }

    public VolumePricing {
        ranges = List.copyOf(ranges);
    }

    static VolumePricing parse(PropertyReader properties) {
        final String key = "volume_ranges";
        final List<Range> ranges = RangeBounds.read(properties, key, RangeBounds.Joint.NEXT_UNIT,
                List.of("per_unit_amount", "flat_amount"),
                (bounds, range) -> new Range(bounds.from(), bounds.to(), range.amount("per_unit_amount"),
                        range.amount("flat_amount")));
        return new VolumePricing(ranges);
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.VOLUME;
    }

    /**
     * The band is the first whose to_value is at or above the total. With Lago's whole-unit bounds (0..100,
     * 101..200) a fractional total such as 100.5 belongs to the second band, as Lago finds it by rounding up.
     */
    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        Range band = ranges.get(ranges.size() - 1);
        for (Range range : ranges) {
            if (range.toValue() == null || units.compareTo(range.toValue()) <= 0) {
                band = range;
                break;
            }
        }
        return units.multiply(band.perUnitAmount()).add(band.flatAmount());
    }
}
