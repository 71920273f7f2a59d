package dev.tollgate.rater.state;

import dev.tollgate.model.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Composite state-store keys as strings joined by the unit separator. Ids never contain control
 * characters (the readers reject them), so the joins cannot collide, and a prefix selects a
 * subscription's period (all its charges) or all its statements.
 */
public final class StateKeys {

    static final char SEPARATOR = '\u001f';
    /** Digits of Long.MAX_VALUE: any epoch millisecond fits. */
    private static final int DUE_DIGITS = 19;

    private StateKeys() {
    }

    /** What a credit grant has paid in all: ("grant", customer_id, grant id). */
    public static String creditUsed(final String customerId, final String grantId) {
        return "grant" + SEPARATOR + customerId + SEPARATOR + grantId;
    }

    /** What a credit grant paid of one subscription's period: ("period", subscription, period start, grant id). */
    public static String creditUsedInPeriod(final String subscriptionId, final Instant periodStart,
                                            final String grantId) {
        return creditPeriodPrefix(subscriptionId, periodStart) + grantId;
    }

    public static String creditPeriodPrefix(final String subscriptionId, final Instant periodStart) {
        return "period" + SEPARATOR + subscriptionId + SEPARATOR + periodStart.toEpochMilli() + SEPARATOR;
    }

    /** The grant id of a {@link #creditUsedInPeriod} key. */
    public static String grantOfPeriodUse(final String key) {
        return key.substring(key.lastIndexOf(SEPARATOR) + 1);
    }

    /** The once-only mark of a grant's low-balance alert: ("credit-low", customer_id, grant id). */
    public static String creditLowAlert(final String customerId, final String grantId) {
        return "credit-low" + SEPARATOR + customerId + SEPARATOR + grantId;
    }

    /** Dedup and status of one event: (customer_id, event id). */
    public static String event(final String customerId, final String eventId) {
        return customerId + SEPARATOR + eventId;
    }

    /**
     * One charge's running state in one period: (subscription, period start, charge), plus the
     * group for a grouped charge. The group is written as a JSON array, whose escaping keeps any
     * control character in a property value out of the key's separators.
     */
    public static String charge(final String subscriptionId, final ChargeSlot slot, final Instant periodStart) {
        final String charge = periodPrefix(subscriptionId, periodStart) + slot.code();
        return slot.group().isEmpty() ? charge : charge + SEPARATOR + Json.writeString(slot.group());
    }

    /** Every group of one grouped charge in one period (none of an ungrouped one's key). */
    public static String groupsPrefix(final String subscriptionId, final String chargeCode, final Instant periodStart) {
        return periodPrefix(subscriptionId, periodStart) + chargeCode + SEPARATOR;
    }

    /** Every charge state of one subscription's period. */
    public static String periodPrefix(final String subscriptionId, final Instant periodStart) {
        return subscriptionId + SEPARATOR + periodStart.toEpochMilli() + SEPARATOR;
    }

    /**
     * The value a recurring charge carries past its closed periods: (subscription, "carry", charge),
     * plus the group for a grouped charge. The middle part is no period start (those are digits), so
     * it never falls under a {@link #periodPrefix}.
     */
    public static String carry(final String subscriptionId, final ChargeSlot slot) {
        final String charge = carryPrefix(subscriptionId) + slot.code();
        return slot.group().isEmpty() ? charge : charge + SEPARATOR + Json.writeString(slot.group());
    }

    /** Every carried group of one grouped recurring charge. */
    public static String carriedGroupsPrefix(final String subscriptionId, final String chargeCode) {
        return carryPrefix(subscriptionId) + chargeCode + SEPARATOR;
    }

    private static String carryPrefix(final String subscriptionId) {
        return subscriptionId + SEPARATOR + "carry" + SEPARATOR;
    }

    /** The charge and group of a key made by {@link #charge} or {@link #carry}. */
    public static ChargeSlot chargeOf(final String chargeKey) {
        final int periodEnd = chargeKey.indexOf(SEPARATOR, chargeKey.indexOf(SEPARATOR) + 1);
        final int groupStart = chargeKey.indexOf(SEPARATOR, periodEnd + 1);
        if (groupStart < 0) {
            return ChargeSlot.of(chargeKey.substring(periodEnd + 1));
        }
        return new ChargeSlot(chargeKey.substring(periodEnd + 1, groupStart),
            Arrays.asList(Json.read(chargeKey.substring(groupStart + 1).getBytes(StandardCharsets.UTF_8),
                String[].class)));
    }

    /** A closed period's statement: (subscription, period start). */
    public static String statement(final String subscriptionId, final Instant periodStart) {
        return statementPrefix(subscriptionId) + periodStart.toEpochMilli();
    }

    /**
     * An opening statement (fees billed in advance at the start): beside the closing statement of
     * the same period, sorting after it and its refunds and before its own refunds.
     */
    public static String openingStatement(final String subscriptionId, final Instant periodStart) {
        return statement(subscriptionId, periodStart) + "/opening";
    }

    /** Every statement of one subscription. */
    public static String statementPrefix(final String subscriptionId) {
        return subscriptionId + SEPARATOR;
    }

    /**
     * A refund adjustment, stored beside its statement so that the subscription's statements prefix
     * lists both: (subscription, period start, refund id).
     */
    public static String adjustment(final String statementKey, final String refundId) {
        return statementKey + SEPARATOR + refundId;
    }

    /**
     * A re-rate adjustment, stored beside its statement like a refund: (subscription, period start,
     * "rerates", rerate id). A refund id holds no separator, so no refund's key can spell it.
     */
    public static String rerateAdjustment(final String statementKey, final String rerateId) {
        return statementKey + SEPARATOR + "rerates" + SEPARATOR + rerateId;
    }

    /** A re-rate's outcome: (subscription, rerate id), the scope in which a rerate id is unique. */
    public static String rerate(final String subscriptionId, final String rerateId) {
        return subscriptionId + SEPARATOR + rerateId;
    }

    /** An accepted event of a subscription, in the window of its period start: (subscription, event id). */
    public static String acceptedEvent(final String subscriptionId, final String eventId) {
        return subscriptionId + SEPARATOR + eventId;
    }

    /** The lowest key {@link #acceptedEvent} makes for the subscription (range bounds are inclusive). */
    public static String acceptedEventsFrom(final String subscriptionId) {
        return subscriptionId + SEPARATOR;
    }

    /**
     * Above every key {@link #acceptedEvent} makes for the subscription (the separator sorts just
     * below this bound's last character) and below every other subscription's: an id that extends
     * this one does so with a character no lower than a space, since ids hold no control character,
     * and its keys are longer than this bound, which is itself no key.
     */
    public static String acceptedEventsTo(final String subscriptionId) {
        return subscriptionId + (char) (SEPARATOR + 1);
    }

    /** A refund's outcome: (subscription, refund id), the scope in which a refund id is unique. */
    public static String refund(final String subscriptionId, final String refundId) {
        return subscriptionId + SEPARATOR + refundId;
    }

    /**
     * When a subscription's next period is due to close: (due time, subscription). The time is
     * zero-padded epoch milliseconds, so the keys' byte order is time order.
     */
    public static String closeDue(final Instant due, final String subscriptionId) {
        final String millis = Long.toString(Math.max(0, due.toEpochMilli()));
        return "0".repeat(DUE_DIGITS - millis.length()) + millis + SEPARATOR + subscriptionId;
    }

    /** The due time of a key made by {@link #closeDue}. */
    public static Instant dueOf(final String closeDueKey) {
        return Instant.ofEpochMilli(Long.parseLong(closeDueKey.substring(0, DUE_DIGITS)));
    }

    /** The subscription of a key made by {@link #closeDue}. */
    public static String subscriptionOfDue(final String closeDueKey) {
        return closeDueKey.substring(DUE_DIGITS + 1);
    }

    /**
     * A value a unique_count charge counted in its period: (charge state key, value). The value is
     * written as a JSON string, which starts with a quote where a group starts with a bracket, so
     * no (charge, value) pair can spell another's key; the period prefix selects a period's values.
     */
    public static String distinct(final String chargeKey, final String value) {
        return chargeKey + SEPARATOR + Json.writeString(value);
    }

    /** Every value a unique_count charge counted in one charge state, made by {@link #distinct}. */
    public static String distinctPrefix(final String chargeKey) {
        return chargeKey + SEPARATOR;
    }

    /**
     * One subscription's running usage amount in one period: (subscription, period start), the grid
     * period the charge states of {@link #charge} are keyed by.
     */
    public static String spend(final String subscriptionId, final Instant periodStart) {
        return subscriptionId + SEPARATOR + periodStart.toEpochMilli();
    }

    /** An alert already sent: (charge state key, threshold percent). */
    public static String alert(final String chargeKey, final BigDecimal threshold) {
        return chargeKey + SEPARATOR + threshold.stripTrailingZeros().toPlainString();
    }
}
