package dev.tollgate.pricing.charge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Lago's package model: after {@code free_units}, units are sold in packages of {@code package_size} at
 * {@code amount} each, and a started package is a whole package (rounded up).
 */
public record PackagePricing(BigDecimal amount, BigInteger packageSize, BigInteger freeUnits) implements ChargePricing {

    static PackagePricing parse(PropertyReader properties) {
        final BigDecimal amount = properties.amount("amount");
        BigInteger packageSize = BigInteger.ONE;
        if (!properties.has("package_size")) {
            properties.errors().add(properties.path("package_size"), "is required: a whole number greater than 0");
        } else {
            final BigInteger size = properties.optionalWhole("package_size");
            if (size != null && size.signum() <= 0) {
                properties.errors().add(properties.path("package_size"), "must be a whole number greater than 0");
            } else if (size != null) {
                packageSize = size;
            }
        }
        BigInteger freeUnits = BigInteger.ZERO;
        final BigInteger free = properties.optionalWhole("free_units");
        if (free != null && free.signum() < 0) {
            properties.errors().add(properties.path("free_units"), "must be a whole number of 0 or more");
        } else if (free != null) {
            freeUnits = free;
        }
        return new PackagePricing(amount, packageSize, freeUnits);
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.PACKAGE;
    }

    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        final BigDecimal paidUnits = units.subtract(new BigDecimal(freeUnits));
        if (paidUnits.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        final BigDecimal packages = paidUnits.divide(new BigDecimal(packageSize), 0, RoundingMode.CEILING);
        return packages.multiply(amount);
    }
}
