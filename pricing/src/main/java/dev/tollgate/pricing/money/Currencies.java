package dev.tollgate.pricing.money;

import java.util.Currency;
import java.util.Map;

/** ISO 4217 minor units: how many decimals a statement keeps in a currency, and what a cent is. */
public final class Currencies {

    /**
     * ISO 4217 still lists two decimals for the rupiah, but its subunit is not in use and invoices are issued in whole
     * rupiah; Tollgate bills in the units that are actually paid.
     */
    private static final Map<String, Integer> IN_USE = Map.of("IDR", 0);

    private Currencies() {
    }

    public static int minorUnits(String currencyCode) {
        if (currencyCode == null) {
            throw new IllegalArgumentException("a currency code is required");
        }
        final Integer inUse = IN_USE.get(currencyCode);
        if (inUse != null) {
            return inUse;
        }
        return isoMinorUnits(currencyCode);
    }

    /**
     * The ISO 4217 exponent, which amounts given in cents are counted in: Lago's {@code subunit_to_unit} follows ISO
     * 4217, so an amount in cents means the same in both (IDR 2 here, although statements keep whole rupiah).
     */
    public static int isoMinorUnits(String currencyCode) {
        if (currencyCode == null) {
            throw new IllegalArgumentException("a currency code is required");
        }
        final Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency code '" + currencyCode + "'", e);
        }
        final int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            // Pseudo-currencies such as XAU have no minor unit; a statement cannot be rounded in them.
            throw new IllegalArgumentException("currency '" + currencyCode + "' has no minor unit");
        }
        return digits;
    }
}
