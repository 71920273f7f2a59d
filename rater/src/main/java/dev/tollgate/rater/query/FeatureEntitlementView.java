package dev.tollgate.rater.query;

/**
 * The answer of {@code GET /v1/customers/{id}/entitlements/{feature}} for a feature flag of the plan
 * catalog (premium_support, remove_branding, api_access …).
 *
 * @param source {@code plan} when the plan version in force names the feature, {@code default} when
 *               it does not and the feature is off, as in the seed plans, because another plan names it
 */
public record FeatureEntitlementView(String customerId, String feature, boolean allowed, String source,
                                     String plan, int planVersion) implements Entitlement {

    static final String FROM_PLAN = "plan";
    static final String BY_DEFAULT = "default";
}
