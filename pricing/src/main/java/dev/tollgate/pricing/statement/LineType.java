package dev.tollgate.pricing.statement;

/** The kinds of statement lines, in the order a statement lists them. */
public enum LineType {
    SUBSCRIPTION("subscription"),
    /** A recurring fee of the plan beside its base price, billed on its own schedule. */
    FEE("fee"),
    SEATS("seats"),
    ADD_ON("add_on"),
    /** The unused part of a fee billed in advance, given back when billing ends inside its period: negative. */
    ADVANCE_CREDIT("advance_credit"),
    USAGE("usage"),
    /** What the fee and usage lines fell short of the plan's minimum commitment for the period: positive. */
    MINIMUM_COMMITMENT("minimum_commitment"),
    /** What a credit grant paid of the period's usage as it was rated: negative. */
    CREDIT_GRANT("credit_grant"),
    COUPON("coupon"),
    CREDIT("credit"),
    /** On an interim statement: the usage amount of the running period so far, less earlier interim statements. */
    INTERIM_USAGE("interim_usage"),
    /** On a final statement: what the period's interim statements billed already, negative, after everything else. */
    INTERIM_BILLED("interim_billed");

    private final String wireName;

    LineType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
