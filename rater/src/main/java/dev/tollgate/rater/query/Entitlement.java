package dev.tollgate.rater.query;

/** An answer of {@code GET /v1/customers/{id}/entitlements/{name}}: a meter's or a feature flag's. */
public sealed interface Entitlement permits EntitlementView, FeatureEntitlementView {
}
