package dev.tollgate.pricing.charge;

import java.math.BigDecimal;

/** Lago's standard model: every unit costs {@code amount}. */
public record StandardPricing(BigDecimal amount) implements ChargePricing {

    static StandardPricing parse(PropertyReader properties) {
        return new StandardPricing(properties.amount("amount"));
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.STANDARD;
    }

    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        return units.multiply(amount);
    }
}
