package dev.tollgate.planapi.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.PlanFee;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.planapi.catalog.FreeForm;
import dev.tollgate.planapi.catalog.SpendThresholds;
import dev.tollgate.pricing.aggregation.ChargeFilters;
import dev.tollgate.pricing.charge.ChargeDefinition;
import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.period.BillingInterval;
import dev.tollgate.pricing.statement.BillTiming;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.FieldNames;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    static final int MAX_MAP_ENTRIES = 100;
    static final int MAX_THRESHOLDS = 100;
    /** Every field a plan body may carry: a version's terms, and the plan's code and status. */
    static final List<String> FIELDS = List.of("code", "status", "name", "description", "interval", "frequency",
        "currency", "amount", "yearly_amount", "seat_price", "max_seats", "trial_days", "bill_timing",
        "billing_cycles", "sort_order", "group", "default_plan", "lookup_key", "invoice_display_name", "attributes",
        "features", "credits", "effective_from", "charges", "fees", "minimum_commitment", "spend_limit",
        SpendThresholds.FIELD, "block_when_credits_exhausted");
    /** Fields a plan is shown with but that the API sets: a GET's body sent back is told so. */
    static final List<String> READ_ONLY = List.of("version", "created_at", "updated_at", "active_subscriptions");
    static final List<String> CHARGE_FIELDS = List.of("code", "meter", "model", "properties", "filters", "limit",
        "thresholds", "name", "description", "invoice_display_name", "unit_label");
    static final List<String> LIMIT_FIELDS = List.of("units", "enforce");
    static final List<String> FEE_FIELDS = List.of("code", "name", "invoice_display_name", "amount", "interval");
    static final List<String> FEE_INTERVAL_FIELDS = List.of("unit", "frequency");
    static final int MAX_FEES = 20;
    /** Line codes a fee may not take: an advance credit names its fee by code alone. */
    private static final String SEATS = "seats";
    /** The seed catalogs price a year as ten months where no yearly price is given. */
    static final BigDecimal MONTHS_PAID_PER_YEAR = BigDecimal.TEN;
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
     * @param planCode the plan's code, which its fees' codes must not take; null when the body has none
     * @param meterExists whether a charge's meter code names a known meter
     * @param effectiveFrom the version's effective time when the body names none
     * @param now when the version is written
     */
    static PlanVersion read(final JsonNode body, final String planCode, final int version,
                            final Instant effectiveFrom, final Predicate<String> meterExists, final Instant now) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        fields.onlyFields("a plan", FIELDS, READ_ONLY);
        final String name = fields.text("name", true);
        final String description = fields.text("description", false);
        final String interval = fields.text("interval", true);
        if (interval != null) {
            collect(fields, () -> BillingInterval.fromWire(interval));
        }
        final Integer frequency = fields.integer("frequency", 1, 120);
        final String currency = fields.text("currency", true);
        if (currency != null) {
            try {
                Currencies.minorUnits(currency);
            } catch (IllegalArgumentException e) {
                fields.error("currency", "must be an ISO 4217 code such as USD: " + e.getMessage());
            }
        }
        final BigDecimal amount = orZero(fields.nonNegativeDecimal("amount", false));
        final BigDecimal yearlyAmount = fields.has("yearly_amount")
            ? fields.nonNegativeDecimal("yearly_amount", false)
            : defaultYearlyAmount(interval, frequency, amount);
        final BigDecimal seatPrice = fields.nonNegativeDecimal("seat_price", false);
        final BigDecimal minimumCommitment = fields.nonNegativeDecimal("minimum_commitment", false);
        final BigDecimal spendLimit = fields.nonNegativeDecimal("spend_limit", false);
        final List<BigDecimal> spendThresholds = fields.has(SpendThresholds.FIELD) ? SpendThresholds.read(fields)
            : List.of();
        final Integer maxSeats = fields.integer("max_seats", 0, 1_000_000);
        final Integer trialDays = fields.integer("trial_days", 0, 3660);
        final String billTiming = fields.has("bill_timing") ? fields.text("bill_timing", true)
            : BillTiming.ARREARS.wireName();
        if (billTiming != null) {
            collect(fields, () -> BillTiming.fromWire(billTiming));
        }
        final Integer billingCycles = fields.integer("billing_cycles", 1, 100_000);
        final Integer sortOrder = fields.integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE);
        final String group = fields.text("group", false);
        final Boolean defaultPlan = fields.bool("default_plan");
        final String lookupKey = fields.has("lookup_key") ? fields.identifier("lookup_key") : null;
        final String invoiceDisplayName = fields.text("invoice_display_name", false);
        final Map<String, JsonNode> attributes = attributes(fields);
        final Map<String, Boolean> features = features(fields);
        final Map<String, BigDecimal> credits = credits(fields);
        final Instant effective = fields.has("effective_from") ? fields.instant("effective_from") : effectiveFrom;
        final List<Charge> charges = charges(fields, meterExists);
        final List<PlanFee> fees = fees(fields, planInterval(interval, frequency), planCode);
        final Boolean blocks = fields.bool("block_when_credits_exhausted");
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new PlanVersion(version, effective, name, description, interval, currency, amount,
            trialDays == null ? 0 : trialDays, charges, frequency == null ? 1 : frequency, yearlyAmount, seatPrice,
            maxSeats, billTiming, billingCycles, sortOrder == null ? 0 : sortOrder, group, defaultPlan != null && defaultPlan,
            lookupKey, invoiceDisplayName, attributes, features, credits, now, fees, minimumCommitment,
            spendLimit, spendThresholds, blocks);
    }

    /** The plan's period, or null when its interval or frequency is wrong (that is reported on its own). */
    private static BillingInterval planInterval(final String interval, final Integer frequency) {
        try {
            final BillingInterval base = BillingInterval.fromWire(interval);
            return new BillingInterval(base.unit(), base.frequency() * (frequency == null ? 1 : frequency));
        } catch (InvalidPricingException e) {
            return null;
        }
    }

    private static List<PlanFee> fees(final JsonFields fields, final BillingInterval plan, final String planCode) {
        final JsonNode node = fields.node("fees");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_FEES) {
            fields.error("fees", "must be a list of at most " + MAX_FEES + " fees");
            return List.of();
        }
        final List<PlanFee> fees = new ArrayList<>(node.size());
        final Set<String> codes = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            final String path = "fees[" + i + "]";
            if (!node.get(i).isObject()) {
                fields.error(path, "must be an object {\"code\", \"amount\", \"interval\": {\"unit\", \"frequency\"}}");
                continue;
            }
            final PlanFee fee = fee(fields.nested(path, node.get(i)), plan, planCode);
            if (fee != null && !codes.add(fee.code())) {
                fields.error(path + ".code", "duplicates another fee's code " + fee.code()
                    + "; give each fee of a plan its own code");
            } else if (fee != null) {
                fees.add(fee);
            }
        }
        return fees;
    }

    private static PlanFee fee(final JsonFields fields, final BillingInterval plan, final String planCode) {
        final int before = fields.errors().size();
        fields.onlyFields("a fee", FEE_FIELDS);
        final String code = fields.identifier("code");
        if (code != null && (code.equals(planCode) || SEATS.equals(code))) {
            fields.error("code", "must differ from the plan's code and from seats, which name the base and seat lines");
        }
        final String name = fields.text("name", false);
        final String invoiceDisplayName = fields.text("invoice_display_name", false);
        final BigDecimal amount = fields.nonNegativeDecimal("amount", true);
        final PlanFee.FeeInterval interval = feeInterval(fields, plan);
        if (fields.errors().size() > before) {
            return null;
        }
        return new PlanFee(code, name, invoiceDisplayName, amount, interval);
    }

    private static PlanFee.FeeInterval feeInterval(final JsonFields fee, final BillingInterval plan) {
        final JsonNode node = fee.node("interval");
        if (node == null || !node.isObject()) {
            fee.error("interval", "is required: {\"unit\": day, week, month or year, \"frequency\"}");
            return null;
        }
        final JsonFields fields = fee.nested("interval", node);
        fields.onlyFields("a fee's interval", FEE_INTERVAL_FIELDS);
        final String unit = fields.text("unit", true);
        final Integer frequency = fields.integer("frequency", 1, 1200);
        if (unit == null) {
            return null;
        }
        final PlanFee.FeeInterval interval = new PlanFee.FeeInterval(unit, frequency == null ? 1 : frequency);
        final List<BillingInterval> parsed = new ArrayList<>(1);
        collect(fields, () -> parsed.add(interval.billingInterval()));
        if (!parsed.isEmpty() && plan != null && !parsed.get(0).spansWholePeriodsOf(plan)) {
            fee.error("interval", "must span whole periods of the plan (" + plan.unit().name().toLowerCase()
                + " x " + plan.frequency() + ") so that each of its periods ends with a plan period and a "
                + "statement bills it: the same unit at a multiple of the plan's frequency, years on a plan of "
                + "months dividing twelve, or any interval on a daily plan");
        }
        return interval;
    }

    /** A monthly plan sells a year for ten months unless it names its own yearly price. */
    private static BigDecimal defaultYearlyAmount(final String interval, final Integer frequency,
                                                  final BigDecimal amount) {
        final boolean monthly = "monthly".equals(interval) && (frequency == null || frequency == 1);
        return monthly ? amount.multiply(MONTHS_PAID_PER_YEAR) : null;
    }

    private static BigDecimal orZero(final BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static Map<String, JsonNode> attributes(final JsonFields fields) {
        final JsonNode node = fields.node("attributes");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!FreeForm.check(fields, "attributes", node)) {
            return Map.of();
        }
        final Map<String, JsonNode> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> attributes.put(entry.getKey(), entry.getValue()));
        return attributes;
    }

    private static Map<String, Boolean> features(final JsonFields fields) {
        final JsonNode node = fields.node("features");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > MAX_MAP_ENTRIES) {
            fields.error("features", "must be an object of feature name to true or false, at most "
                + MAX_MAP_ENTRIES + " features");
            return Map.of();
        }
        final Map<String, Boolean> features = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            final Map.Entry<String, JsonNode> entry = entries.next();
            if (!JsonFields.isPrintableName(entry.getKey())) {
                fields.error("features." + FieldNames.printable(entry.getKey()), "must name a feature in 1 to "
                    + JsonFields.MAX_NAME_LENGTH + " printable characters");
            } else if (entry.getValue().isBoolean()) {
                features.put(entry.getKey(), entry.getValue().booleanValue());
            } else {
                fields.error("features." + entry.getKey(), "must be true or false");
            }
        }
        return features;
    }

    private static Map<String, BigDecimal> credits(final JsonFields fields) {
        final JsonNode node = fields.node("credits");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > MAX_MAP_ENTRIES) {
            fields.error("credits", "must be an object of credit code to the amount granted each period");
            return Map.of();
        }
        final JsonFields credit = fields.nested("credits", node);
        final Map<String, BigDecimal> credits = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(code -> {
            if (!JsonFields.isPrintableName(code)) {
                credit.error(FieldNames.printable(code), "must name a credit in 1 to " + JsonFields.MAX_NAME_LENGTH
                    + " printable characters");
                return;
            }
            final BigDecimal amount = credit.nonNegativeDecimal(code, true);
            if (amount != null) {
                credits.put(code, amount);
            }
        });
        return credits;
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
        refuseConflicts(fields, charges);
        return charges;
    }

    /**
     * An event is priced by at most one charge of a meter: a charge without filters is the meter's default, so two
     * defaults, or two filters that one event could match, are refused rather than billed twice.
     */
    private static void refuseConflicts(final JsonFields fields, final List<Charge> charges) {
        for (int j = 0; j < charges.size(); j++) {
            for (int i = 0; i < j; i++) {
                final Charge earlier = charges.get(i);
                final Charge later = charges.get(j);
                if (earlier != null && later != null && earlier.meter() != null
                    && earlier.meter().equals(later.meter())
                    && ChargeFilters.conflict(earlier.filters(), later.filters())) {
                    fields.error("charges[" + j + "].filters", "can price the same events as charges[" + i + "] ("
                        + earlier.code() + ") of meter " + later.meter() + ": an event is priced by one charge per "
                        + "meter, so give the charges filters no event matches together (a charge without filters "
                        + "prices the events no filter matched)");
                    break;
                }
            }
        }
    }

    private static Charge charge(final JsonFields fields, final Predicate<String> meterExists) {
        final int before = fields.errors().size();
        fields.onlyFields("a charge", CHARGE_FIELDS);
        final String meter = fields.identifier("meter");
        if (meter != null && !meterExists.test(meter)) {
            fields.error("meter", "meter " + meter + " does not exist; create it first with POST /v1/meters");
        }
        final String code = fields.has("code") ? fields.identifier("code") : meter;
        final String model = fields.text("model", true);
        final Map<String, Object> properties = fields.object("properties");
        if (model != null && properties != null) {
            collect(fields, () -> ChargeDefinition.parse(model, properties));
        }
        final Map<String, List<String>> filters = fields.filters("filters");
        // With pricing_group_keys the limit and its thresholds apply to each group's own aggregate.
        final ChargeLimit limit = limit(fields);
        final List<BigDecimal> thresholds = thresholds(fields);
        final String name = fields.text("name", false);
        final String description = fields.text("description", false);
        final String invoiceDisplayName = fields.text("invoice_display_name", false);
        final String unitLabel = fields.text("unit_label", false);
        if (fields.errors().size() > before) {
            return null;
        }
        return new Charge(code, meter, model, properties, filters, limit, thresholds, name, description,
            invoiceDisplayName, unitLabel);
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
        limit.onlyFields("a limit", LIMIT_FIELDS);
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
        if (!node.isArray() || node.size() > MAX_THRESHOLDS) {
            charge.error("thresholds", "must be a list of at most " + MAX_THRESHOLDS + " percentages");
            return thresholds;
        }
        for (final JsonNode item : node) {
            final BigDecimal percent = percent(item);
            if (percent != null && !Decimals.withinBounds(percent)) {
                charge.error("thresholds", Decimals.BOUNDS_MESSAGE);
                return thresholds;
            }
            if (percent == null || percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
                charge.error("thresholds", "must be percentages greater than 0 and at most 100");
                return thresholds;
            }
            thresholds.add(percent);
        }
        return thresholds;
    }

    /** A percentage as a JSON number or a decimal string, the form it is written back in. */
    private static BigDecimal percent(final JsonNode item) {
        if (item.isNumber()) {
            return item.decimalValue();
        }
        return item.isTextual() ? Decimals.parse(item.textValue().trim()) : null;
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
