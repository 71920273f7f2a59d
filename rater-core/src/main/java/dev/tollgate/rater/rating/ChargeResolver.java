package dev.tollgate.rater.rating;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.pricing.aggregation.Aggregation;
import dev.tollgate.pricing.aggregation.ChargeFilters;
import dev.tollgate.pricing.aggregation.PropertyFilters;
import dev.tollgate.pricing.charge.ChargeDefinition;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.validation.InvalidPricingException;
import dev.tollgate.rater.catalog.CatalogView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, for one event, the subscription and plan version in force at the event's time and the
 * charges that price it: per meter whose event type and filters match, the one charge that
 * {@link ChargeFilters#pick} gives the event (the filtered charge it matches, else the meter's
 * charge without filters). Parsed pricing is kept per (plan, version, charge) and the charges'
 * grouping by meter per (plan, version), until {@link #forgetCompiled} says the catalog changed: the
 * API never rewrites a version, but a record written around it may.
 */
public final class ChargeResolver {

    private static final int PRICING_CACHE_ENTRIES = 10_000;

    private final CatalogView catalog;
    private final Map<String, PricedCharge> raters = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, PricedCharge> eldest) {
            return size() > PRICING_CACHE_ENTRIES;
        }
    };

    private final Map<String, List<MeterCharges>> meterCharges = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, List<MeterCharges>> eldest) {
            return size() > PRICING_CACHE_ENTRIES;
        }
    };

    public ChargeResolver(final CatalogView catalog) {
        this.catalog = catalog;
    }

    /** Drops the pricing and groupings kept: the plans they were compiled from may have changed. */
    public void forgetCompiled() {
        raters.clear();
        meterCharges.clear();
    }

    public Resolution resolve(final UsageEvent event) {
        final CustomerSubscriptions subscriptions = catalog.subscriptions(event.customerId());
        final Optional<Subscription> subscription = subscriptions == null ? Optional.empty()
            : subscriptions.activeAt(event.timestamp());
        if (subscription.isEmpty()) {
            return new Resolution.Unpriced(RejectionReason.NO_SUBSCRIPTION,
                "customer " + event.customerId() + " has no subscription in force at " + event.timestamp(), true);
        }
        final Subscription active = subscription.get();
        final Plan plan = catalog.plan(active.plan());
        if (plan == null) {
            return new Resolution.Unpriced(RejectionReason.NO_SUBSCRIPTION,
                "plan " + active.plan() + " of subscription " + active.id() + " is unknown", true);
        }
        final Optional<PlanVersion> version = plan.versionFor(active.planVersion(), event.timestamp());
        if (version.isEmpty()) {
            return new Resolution.Unpriced(RejectionReason.NO_SUBSCRIPTION,
                "plan " + plan.code() + " has no version in force at " + event.timestamp(), true);
        }
        if (version.get().billingCycles() != null) {
            final Optional<Resolution> ended = endedByCycles(event, active, plan.code(), version.get());
            if (ended.isPresent()) {
                return ended.get();
            }
        }
        return matchCharges(event, active, plan.code(), version.get());
    }

    /**
     * The charges of {@code version} that price the event, whichever version is in force at its
     * time: a re-rate prices a closed period's events under the version it is asked for.
     */
    public Resolution resolveUnder(final UsageEvent event, final Subscription subscription, final String planCode,
                                   final PlanVersion version) {
        return matchCharges(event, subscription, planCode, version);
    }

    /** After its last billing cycle a subscription bills no period, so its events must not open one. */
    private static Optional<Resolution> endedByCycles(final UsageEvent event, final Subscription subscription,
                                                      final String planCode, final PlanVersion version) {
        final Optional<Instant> billingEnd;
        try {
            billingEnd = subscription.schedule(version).billingEndsAt();
        } catch (IllegalArgumentException e) {
            // Only a record written around the API's checks (an unknown billing_time) lands here.
            return Optional.of(new Resolution.Unpriced(RejectionReason.INVALID, "subscription " + subscription.id()
                + " cannot be rated: " + e.getMessage(), false));
        }
        if (billingEnd.isEmpty() || event.timestamp().isBefore(billingEnd.get())) {
            return Optional.empty();
        }
        return Optional.of(new Resolution.Unpriced(RejectionReason.SUBSCRIPTION_ENDED, "subscription "
            + subscription.id() + " ended at " + billingEnd.get() + " after the " + version.billingCycles()
            + " billing cycles of plan " + planCode + " v" + version.version() + "; the event is at "
            + event.timestamp(), false));
    }

    private Resolution matchCharges(final UsageEvent event, final Subscription subscription, final String planCode,
                                    final PlanVersion version) {
        final Map<Charge, Meter> chosen = new IdentityHashMap<>();
        boolean meterMissing = false;
        for (final MeterCharges ofMeter : chargesByMeter(planCode, version)) {
            final Meter meter = catalog.meter(ofMeter.meter());
            if (meter == null) {
                meterMissing = true;
                continue;
            }
            if (meter.eventType().equals(event.type()) && PropertyFilters.matches(meter.filters(), event.properties())) {
                final int picked = ChargeFilters.pick(ofMeter.filters(), event.properties());
                if (picked != ChargeFilters.NONE) {
                    chosen.put(ofMeter.charges().get(picked), meter);
                }
            }
        }
        final List<Resolution.MatchedCharge> matched = new ArrayList<>(chosen.size());
        for (final Charge charge : version.charges()) {
            final Meter meter = chosen.get(charge);
            if (meter == null) {
                continue;
            }
            final Aggregation aggregation;
            final PricedCharge priced;
            try {
                aggregation = Aggregation.fromWire(meter.aggregation());
                priced = priced(planCode, version, charge, aggregation);
            } catch (InvalidPricingException e) {
                // The plan API validates every charge; only a record written around it lands here.
                return new Resolution.Unpriced(RejectionReason.NOT_BILLABLE, "charge " + charge.code()
                    + " of plan " + planCode + " v" + version.version() + " cannot be priced: " + e.getMessage(),
                    false);
            }
            matched.add(new Resolution.MatchedCharge(charge, meter, aggregation, priced.rater(),
                priced.groupKeys()));
        }
        if (matched.isEmpty()) {
            return new Resolution.Unpriced(RejectionReason.NOT_BILLABLE, "no charge of plan " + planCode + " v"
                + version.version() + " prices events of type " + event.type() + " with these properties",
                meterMissing);
        }
        return new Resolution.Priced(subscription, version, matched);
    }

    /** The version's charges by meter, each meter's in plan order: one of them prices an event. */
    private List<MeterCharges> chargesByMeter(final String planCode, final PlanVersion version) {
        final String key = planCode + '\u001f' + version.version();
        List<MeterCharges> grouped = meterCharges.get(key);
        if (grouped == null) {
            final Map<String, List<Charge>> byMeter = new LinkedHashMap<>();
            for (final Charge charge : version.charges()) {
                byMeter.computeIfAbsent(charge.meter(), code -> new ArrayList<>(1)).add(charge);
            }
            grouped = byMeter.entrySet().stream().map(entry -> new MeterCharges(entry.getKey(), entry.getValue(),
                entry.getValue().stream().map(Charge::filters).toList())).toList();
            meterCharges.put(key, grouped);
        }
        return grouped;
    }

    private PricedCharge priced(final String planCode, final PlanVersion version, final Charge charge,
                                final Aggregation aggregation) {
        final String key = planCode + '\u001f' + version.version() + '\u001f' + charge.code();
        PricedCharge priced = raters.get(key);
        if (priced == null) {
            final ChargeDefinition definition = ChargeDefinition.parse(charge.model(), charge.properties());
            priced = new PricedCharge(new ChargeRater(aggregation, definition.pricing()),
                definition.pricingGroupKeys());
            raters.put(key, priced);
        }
        return priced;
    }

    private record PricedCharge(ChargeRater rater, List<String> groupKeys) {
    }

    private record MeterCharges(String meter, List<Charge> charges, List<Map<String, List<String>>> filters) {
    }
}
