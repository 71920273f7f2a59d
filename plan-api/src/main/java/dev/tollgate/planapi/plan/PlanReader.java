package dev.tollgate.planapi.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.charge.ChargePricing;
import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and checks one plan version from a request body, reporting every problem at once. Charge
 * properties are checked by the pricing module, the same code that later prices them.
 */
final class PlanReader {

    static final int MAX_CHARGES = 100;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PlanReader() {
    }

    /** The plan's code from the body. */
    static String code(final JsonNode body) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        final String code = fields.identifier("code");
        if (code == null) {
            throw ProblemException.invalid(fields.errors());
        }
        return code;
    }

    /**
     * @param meterExists whether a charge's meter code names a known meter
     * @param effectiveFrom the version's effective time when the body names none
     */
    static PlanVersion read(final JsonNode body, final int version, final Instant effectiveFrom,
                            final Predicate<String> meterExists) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        final String name = fields.text("name", true);
        final String description = fields.text("description", false);
        final String interval = fields.text("interval", true);
        if (interval != null) {
            collect(fields, () -> BillingInterval.fromWire(interval));
        }
        final String currency = fields.text("currency", true);
        if (currency != null) {
            try {
                Currencies.minorUnits(currency);
            } catch (IllegalArgumentException e) {
                fields.error("currency", "must be an ISO 4217 code such as USD: " + e.getMessage());
            }
        }
        final BigDecimal amount = fields.nonNegativeDecimal("amount", false);
        final Integer trialDays = fields.integer("trial_days", 0, 3660);
        final Instant effective = fields.has("effective_from") ? fields.instant("effective_from") : effectiveFrom;
        final List<Charge> charges = charges(fields, meterExists);
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new PlanVersion(version, effective, name, description, interval, currency,
            amount == null ? BigDecimal.ZERO : amount, trialDays == null ? 0 : trialDays, charges);
    }

    private static List<Charge> charges(final JsonFields fields, final Predicate<String> meterExists) {
        final JsonNode node = fields.node("charges");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_CHARGES) {
            fields.error("charges", "must be a list of at most " + MAX_CHARGES + " charges");
            return List.of();
        }
        final List<Charge> charges = new ArrayList<>(node.size());
        final Set<String> codes = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                fields.error("charges[" + i + "]", "must be an object");
                continue;
            }
            final Charge charge = charge(fields.nested("charges[" + i + "]", node.get(i)), meterExists);
            if (charge != null && !codes.add(charge.code())) {
                fields.error("charges[" + i + "].code", "duplicates another charge's code " + charge.code()
                    + "; give each charge of a plan its own code");
            }
            charges.add(charge);
        }
        return charges;
    }

    private static Charge charge(final JsonFields fields, final Predicate<String> meterExists) {
        final int before = fields.errors().size();
        final String meter = fields.identifier("meter");
        if (meter != null && !meterExists.test(meter)) {
            fields.error("meter", "meter " + meter + " does not exist; create it first with POST /v1/meters");
        }
        final String code = fields.has("code") ? fields.identifier("code") : meter;
        final String model = fields.text("model", true);
        final Map<String, Object> properties = fields.object("properties");
        if (model != null && properties != null) {
            collect(fields, () -> ChargePricing.parse(model, properties));
        }
        final Map<String, List<String>> filters = fields.filters("filters");
        final ChargeLimit limit = limit(fields);
        final List<BigDecimal> thresholds = thresholds(fields);
        if (fields.errors().size() > before) {
            return null;
        }
        return new Charge(code, meter, model, properties, filters, limit, thresholds);
    }

    private static ChargeLimit limit(final JsonFields charge) {
        final JsonNode node = charge.node("limit");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            charge.error("limit", "must be an object {\"units\", \"enforce\"}");
            return null;
        }
        final JsonFields limit = charge.nested("limit", node);
        final BigDecimal units = limit.nonNegativeDecimal("units", true);
        final Boolean enforce = limit.bool("enforce");
        // A limit is a hard cap unless the admin says otherwise: the safe reading of "limit".
        return units == null ? null : new ChargeLimit(units, enforce == null || enforce);
    }

    private static List<BigDecimal> thresholds(final JsonFields charge) {
        final JsonNode node = charge.node("thresholds");
        if (node == null || node.isNull()) {
            return List.of();
        }
        final List<BigDecimal> thresholds = new ArrayList<>();
        if (!node.isArray()) {
            charge.error("thresholds", "must be a list of percentages");
            return thresholds;
        }
        for (final JsonNode item : node) {
            final BigDecimal percent = item.isNumber() ? item.decimalValue() : null;
            if (percent == null || percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
                charge.error("thresholds", "must be percentages greater than 0 and at most 100");
                return thresholds;
            }
            thresholds.add(percent);
        }
        return thresholds;
    }

    /** Runs a pricing check and files its errors under this reader's path. */
    private static void collect(final JsonFields fields, final Runnable check) {
        try {
            check.run();
        } catch (InvalidPricingException e) {
            for (final FieldError error : e.errors()) {
                fields.error(error.field(), error.message());
            }
        }
    }
}
