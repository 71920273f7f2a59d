package dev.tollgate.planapi.store;

import dev.tollgate.model.catalog.Plan;

/** A plan and how many subscriptions on it are in force, read from one state of the view. */
public record PlanSubscribers(Plan plan, int inForce) {
}
