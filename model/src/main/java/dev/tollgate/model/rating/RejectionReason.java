package dev.tollgate.model.rating;

/** Why an event was not rated; every rejected record carries exactly one. */
public enum RejectionReason {
    /** Not JSON, or a usage event with missing or malformed fields. */
    INVALID,
    /** The same (customer_id, id) was seen within the dedup window. */
    DUPLICATE,
    /** The customer had no subscription in force at the event's time. */
    NO_SUBSCRIPTION,
    /** No charge of the plan version in force prices this event's type and properties. */
    NOT_BILLABLE,
    /** Counting the event would take an enforced limit past its units. */
    LIMIT_EXCEEDED,
    /** The event's billing period is closed. */
    LATE,
    /**
     * The subscription blocks usage its credit grants cannot pay for ({@code block_when_credits_exhausted}),
     * and what is left of them does not cover the event's amount.
     */
    CREDITS_EXHAUSTED,
    /**
     * The customer's subscription had ended by the event's time: its plan's {@code billing_cycles} ran
     * out, so it bills no period that holds the event.
     */
    SUBSCRIPTION_ENDED,
    /**
     * Counting the event would take the subscription's usage amount in its period (the sum of the period's rated
     * deltas, before coupons and credits) past its spend limit.
     */
    SPEND_LIMIT_EXCEEDED
}
