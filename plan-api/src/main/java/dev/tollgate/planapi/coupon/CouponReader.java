package dev.tollgate.planapi.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.money.Currencies;
import dev.tollgate.pricing.statement.CouponType;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads and checks a coupon definition. The rules (percentage 1 to 100, fixed amount above 0 with a
 * currency, a validity window that ends after it starts) are the statement arithmetic's own: the
 * reader builds the statement's coupon and reports its errors under this API's field names.
 */
final class CouponReader {

    static final int MAX_PLANS = 1000;
    static final List<String> FIELDS = List.of("code", "name", "coupon_type", "percentage_rate", "amount", "currency",
        "max_uses", "valid_from", "valid_until", "plans", "active");
    static final List<String> READ_ONLY = List.of("created_at", "updated_at", "current_uses");
    /** The statement coupon's field names, where this API names them otherwise. */
    private static final Map<String, String> API_FIELDS =
        Map.of("amount_currency", "currency", "expiration_at", "valid_until", "uses_left", "max_uses");

    private CouponReader() {
    }

    /**
     * @param code the coupon's code when the path names it; null to read it from the body
     * @param planExists whether a plan code names a known plan
     */
    static Coupon read(final JsonNode body, final String code, final Predicate<String> planExists,
                       final Instant createdAt, final Instant now) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        fields.onlyFields("a coupon", FIELDS, READ_ONLY);
        final String couponCode = code != null ? code : fields.identifier("code");
        final String name = fields.text("name", false);
        final String couponType = fields.text("coupon_type", true);
        final BigDecimal percentageRate = fields.decimal("percentage_rate", false);
        final BigDecimal amount = fields.decimal("amount", false);
        final String currency = fields.text("currency", false);
        final Integer maxUses = fields.integer("max_uses", 1, Integer.MAX_VALUE);
        final Instant validFrom = fields.instant("valid_from");
        final Instant validUntil = fields.instant("valid_until");
        final List<String> plans = plans(fields, planExists);
        final Boolean active = fields.bool("active");
        if (currency != null) {
            try {
                Currencies.minorUnits(currency);
            } catch (IllegalArgumentException e) {
                fields.error("currency", "must be an ISO 4217 code such as USD: " + e.getMessage());
            }
        }
        CouponType type = null;
        if (couponType != null) {
            try {
                type = CouponType.fromWire(couponType);
            } catch (InvalidPricingException e) {
                e.errors().forEach(error -> fields.error(error.field(), error.message()));
            }
        }
        if (type == CouponType.PERCENTAGE && (amount != null || currency != null)) {
            fields.error("amount", "is for fixed_amount coupons; a percentage coupon takes percentage_rate");
        }
        if (type == CouponType.FIXED_AMOUNT && percentageRate != null) {
            fields.error("percentage_rate", "is for percentage coupons; a fixed_amount coupon takes amount");
        }
        if (couponCode != null && type != null) {
            checkRules(fields, new Coupon(couponCode, name, couponType, percentageRate, amount, currency, maxUses,
                validFrom, validUntil, plans, true, createdAt, now));
        }
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new Coupon(couponCode, name, couponType, percentageRate, amount, currency, maxUses, validFrom,
            validUntil, plans, active == null || active, createdAt, now);
    }

    private static void checkRules(final JsonFields fields, final Coupon coupon) {
        try {
            coupon.forStatement(0);
        } catch (InvalidPricingException e) {
            for (final FieldError error : e.errors()) {
                final String field = API_FIELDS.getOrDefault(error.field(), error.field());
                if (fields.errors().stream().noneMatch(known -> known.field().equals(field))) {
                    fields.error(field, error.message());
                }
            }
        }
    }

    private static List<String> plans(final JsonFields fields, final Predicate<String> planExists) {
        final JsonNode node = fields.node("plans");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_PLANS) {
            fields.error("plans", "must be a list of at most " + MAX_PLANS + " plan codes");
            return List.of();
        }
        final List<String> plans = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            final JsonNode plan = node.get(i);
            if (!plan.isTextual()) {
                fields.error("plans[" + i + "]", "must be a plan code");
            } else if (UsageEventReader.identifierProblem(plan.textValue()) != null) {
                fields.error("plans[" + i + "]", UsageEventReader.identifierProblem(plan.textValue()));
            } else if (!planExists.test(plan.textValue())) {
                fields.error("plans[" + i + "]", "plan " + plan.textValue() + " does not exist");
            } else {
                plans.add(plan.textValue());
            }
        }
        return plans;
    }
}
