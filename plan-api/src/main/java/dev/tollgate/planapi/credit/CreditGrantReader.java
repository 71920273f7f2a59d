package dev.tollgate.planapi.credit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.IdempotencyKey;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CreditGrant;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.money.Currencies;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the body of {@code POST /v1/customers/{id}/credit-grants}. */
final class CreditGrantReader {

    static final List<String> FIELDS = List.of("id", "amount", "currency", "expires_at", "priority", "reference",
        "low_balance_alert");
    static final List<String> READ_ONLY = List.of("customer_id", "granted_at");
    private static final List<String> ALERT_FIELDS = List.of("amount", "percent");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CreditGrantReader() {
    }

    /**
     * @param idempotencyKey the Idempotency-Key header, null without one: the grant's id when the body gives none
     */
    static CreditGrant read(final JsonNode body, final String customerId, final String idempotencyKey,
                            final Instant now) {
        final JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        fields.onlyFields("a credit grant", FIELDS, READ_ONLY);
        final String grantId = IdempotencyKey.read(fields, idempotencyKey, "credit grant", "grant");
        final BigDecimal amount = fields.decimal("amount", true);
        if (amount != null && amount.signum() <= 0) {
            fields.error("amount", "must be more than zero");
        }
        final String currency = fields.text("currency", true);
        if (currency != null) {
            try {
                Currencies.minorUnits(currency);
            } catch (IllegalArgumentException e) {
                fields.error("currency", "must be an ISO 4217 code such as USD: " + e.getMessage());
            }
        }
        final Instant expiresAt = fields.instant("expires_at");
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            fields.error("expires_at", "must be in the future: a grant that has expired pays for nothing");
        }
        final Integer priority = fields.integer("priority", 0, 1_000_000);
        final String reference = fields.text("reference", false);
        CreditGrant.LowBalanceAlert lowBalance = null;
        if (fields.has("low_balance_alert")) {
            final JsonNode alert = fields.node("low_balance_alert");
            if (!alert.isObject()) {
                fields.error("low_balance_alert", "must be an object with amount or percent");
            } else {
                final JsonFields nested = fields.nested("low_balance_alert", alert);
                nested.onlyFields("a low-balance alert", ALERT_FIELDS);
                final BigDecimal lowAmount = nested.nonNegativeDecimal("amount", false);
                final BigDecimal lowPercent = nested.nonNegativeDecimal("percent", false);
                if (lowPercent != null && lowPercent.compareTo(HUNDRED) > 0) {
                    nested.error("percent", "must be from 0 to 100");
                }
                if (!nested.has("amount") && !nested.has("percent")) {
                    nested.error("amount", "give amount or percent (or both: the alert fires at the higher level)");
                }
                lowBalance = new CreditGrant.LowBalanceAlert(lowAmount, lowPercent);
            }
        }
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new CreditGrant(grantId, customerId, amount, currency, expiresAt, priority == null ? 0 : priority,
            reference, lowBalance, now);
    }
}
