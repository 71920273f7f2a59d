package dev.tollgate.planapi.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.Json;
import dev.tollgate.planapi.store.PlanSubscribers;

/**
 * A plan as the API shows it: one version's terms, flat, beside the plan's code and status, and the
 * times the plan was created and this version written. Built from the stored record field by field, so
 * a field added to {@link PlanVersion} shows here without a change. The plan's own answers add
 * {@code active_subscriptions}; a version's do not, since the count is of the plan, not of one version.
 */
final class PlanView {

    private PlanView() {
    }

    static ObjectNode of(final Plan plan, final PlanVersion version) {
        final ObjectNode view = Json.mapper().createObjectNode();
        view.put("code", plan.code());
        view.put("status", status(plan));
        view.setAll((ObjectNode) Json.mapper().valueToTree(version));
        view.remove("created_at");
        view.set("created_at", Json.mapper().valueToTree(plan.versions().get(0).createdAt()));
        view.set("updated_at", Json.mapper().valueToTree(version.createdAt()));
        return view;
    }

    /** The plan with its latest version, as every answer about the plan itself shows it. */
    static ObjectNode current(final PlanSubscribers plan) {
        final ObjectNode view = of(plan.plan(), plan.plan().latest());
        view.put("active_subscriptions", plan.inForce());
        return view;
    }

    static String status(final Plan plan) {
        return plan.status().name().toLowerCase();
    }

    /** The ETag of a plan: its latest version number, which a PUT must name in {@code If-Match}. */
    static String etag(final Plan plan) {
        return "\"" + plan.latest().version() + "\"";
    }
}
