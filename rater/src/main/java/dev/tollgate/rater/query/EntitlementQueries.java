package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.pricing.charge.ChargeDefinition;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.pricing.validation.InvalidPricingException;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Answers {@code GET /v1/customers/{id}/entitlements/{name}} on the instance that owns the customer,
 * from the {@code subscriptions}, {@code plans}, {@code meters} and {@code charge-aggregates} stores
 * (through {@link CurrentTerms}). The name is a meter's code when the plan charges that meter, else a
 * feature flag: on when the plan version in force says so, off when it says so or leaves out a
 * feature another plan declares (the seed plans' default), 404 when no plan knows the name. A meter's
 * grouped charge answers for its groups, or for the one group the query selects ({@link GroupSelection}).
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class EntitlementQueries {

    private final CurrentTerms terms;
    private final RaterStores stores;
    private final KnownFeatures features;
    private final Clock clock;
    private final CreditQueries credits;

    public EntitlementQueries(final CurrentTerms terms, final RaterStores stores, final KnownFeatures features,
                              final Clock clock, final CreditQueries credits) {
        this.terms = terms;
        this.stores = stores;
        this.features = features;
        this.clock = clock;
        this.credits = credits;
    }

    /**
     * @param selection the group asked about; it must give a value for each pricing_group_key of each
     *                  grouped charge of the meter, and nothing else
     */
    public Entitlement entitlement(final String customerId, final String name, final int partition,
                                   final GroupSelection selection) {
        final CurrentTerms.Terms current = terms.at(customerId, partition, clock.instant());
        final List<Charge> metered = current.version().charges().stream()
            .filter(charge -> charge.meter().equals(name)).toList();
        if (!metered.isEmpty()) {
            final Map<String, List<String>> groupKeys = new LinkedHashMap<>();
            for (final Charge charge : metered) {
                final List<String> keys = groupKeys(charge);
                if (!keys.isEmpty()) {
                    groupKeys.put(charge.code(), keys);
                }
            }
            refuseUnfit(selection, name, groupKeys);
            final List<EntitlementView.ChargeEntitlement> charges = new ArrayList<>();
            for (final Charge charge : metered) {
                final List<String> keys = groupKeys.get(charge.code());
                charges.add(keys == null ? ungrouped(current, charge) : grouped(current, charge, keys, selection));
            }
            final EntitlementView view = EntitlementView.of(customerId, name, charges);
            final String currency = current.version().currency();
            final boolean blocks = current.subscription().blocksWhenCreditsExhausted(current.version());
            final CreditQueries.Credits held = credits.credits(customerId, partition);
            return held.grants().isEmpty() && !blocks ? view : view.withCredits(new EntitlementView.Credits(currency,
                held.balance().getOrDefault(currency, BigDecimal.ZERO), blocks));
        }
        final FeatureEntitlementView flag = flag(customerId, name, current);
        if (!selection.isEmpty()) {
            throw ProblemException.invalid(selection.values().keySet().stream().map(key -> new FieldError(
                GroupSelection.parameter(key), "selects a group of a charge; " + name + " is a feature flag, which"
                    + " has none")).toList());
        }
        return flag;
    }

    /** The name as a feature flag of the terms' plan version; 404 when it is neither a charged meter nor a flag. */
    private FeatureEntitlementView flag(final String customerId, final String name, final CurrentTerms.Terms current) {
        final Boolean granted = current.version().features().get(name);
        if (granted != null) {
            return feature(customerId, name, granted, FeatureEntitlementView.FROM_PLAN, current);
        }
        final String plan = "plan " + current.planCode() + " v" + current.version().version() + " of customer "
            + customerId;
        if (isMeter(name)) {
            throw ProblemException.notFound(plan + " has no charge on meter " + name);
        }
        if (features.contains(name)) {
            return feature(customerId, name, false, FeatureEntitlementView.BY_DEFAULT, current);
        }
        throw ProblemException.notFound(plan + " has no charge on a meter " + name + ", and no plan declares a"
            + " feature " + name);
    }

    /**
     * A selection names one group of every grouped charge of the meter: a key no charge groups by, or a
     * grouped charge's key left out, would answer for a group the caller did not mean.
     */
    private static void refuseUnfit(final GroupSelection selection, final String meter,
                                    final Map<String, List<String>> groupKeys) {
        if (selection.isEmpty()) {
            return;
        }
        final Set<String> known = new LinkedHashSet<>();
        groupKeys.values().forEach(known::addAll);
        final List<FieldError> errors = new ArrayList<>();
        for (final String key : selection.values().keySet()) {
            if (!known.contains(key)) {
                errors.add(new FieldError(GroupSelection.parameter(key), known.isEmpty()
                    ? "selects a group, but no charge of meter " + meter + " has pricing_group_keys"
                    : "is not a pricing_group_key of a charge of meter " + meter + "; its charges group by "
                        + String.join(", ", known)));
            }
        }
        groupKeys.forEach((code, keys) -> keys.stream().filter(key -> !selection.values().containsKey(key))
            .forEach(key -> errors.add(new FieldError(GroupSelection.parameter(key), "is required: charge "
                + code + " of meter " + meter + " groups by " + String.join(", ", keys)
                + ", and a group is one value of each"))));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /**
     * The charge's pricing_group_keys. A charge written around the plan API's checks cannot be read: the rater
     * rejects its events INVALID, and it is answered as the sum of whatever state it has, as ungrouped.
     */
    private static List<String> groupKeys(final Charge charge) {
        try {
            return ChargeDefinition.parse(charge.model(), charge.properties()).pricingGroupKeys();
        } catch (InvalidPricingException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private EntitlementView.ChargeEntitlement ungrouped(final CurrentTerms.Terms current, final Charge charge) {
        final BigDecimal units = terms.chargeTotals(current, charge).units();
        return charge.limit() == null
            ? EntitlementView.ChargeEntitlement.of(charge.code(), units, null, false)
            : EntitlementView.ChargeEntitlement.of(charge.code(), units, charge.limit().units(),
                charge.limit().enforce());
    }

    /** Without a selection, the most used groups; with one, the group asked about, used or not. */
    private EntitlementView.ChargeEntitlement grouped(final CurrentTerms.Terms current, final Charge charge,
                                                      final List<String> keys, final GroupSelection selection) {
        final BigDecimal limit = charge.limit() == null ? null : charge.limit().units();
        final CurrentTerms.Groups groups = terms.groups(current, charge,
            selection.isEmpty() ? EntitlementView.LISTED_GROUPS : 0);
        final List<EntitlementView.GroupEntitlement> listed = new ArrayList<>();
        if (selection.isEmpty()) {
            groups.most().forEach(group -> listed.add(EntitlementView.GroupEntitlement.of(group.group(),
                group.units(), limit)));
        } else {
            final List<String> group = keys.stream().map(selection.values()::get).toList();
            listed.add(EntitlementView.GroupEntitlement.of(group, terms.group(current, charge, group).units(),
                limit));
        }
        return EntitlementView.ChargeEntitlement.grouped(charge.code(), keys, groups.totals().units(), limit,
            charge.limit() != null && charge.limit().enforce(), groups.count(), listed);
    }

    private boolean isMeter(final String name) {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Meter>> meters =
            stores.store(StateStores.METERS.name(), StateStores.METERS.queryType());
        return ValueAndTimestamp.getValueOrNull(meters.get(name)) != null;
    }

    private static FeatureEntitlementView feature(final String customerId, final String name, final boolean allowed,
                                                  final String source, final CurrentTerms.Terms current) {
        return new FeatureEntitlementView(customerId, name, allowed, source, current.planCode(),
            current.version().version());
    }
}
