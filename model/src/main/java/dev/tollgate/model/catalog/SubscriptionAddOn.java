package dev.tollgate.model.catalog;

/** An add-on on a subscription: its code and how many of it (seats of a per-seat add-on, or units). */
public record SubscriptionAddOn(String code, int quantity) {
}
