package dev.tollgate.rater.rerate;

import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.Rerate;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.pricing.aggregation.MeterReading;
import dev.tollgate.pricing.aggregation.PricingGroups;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.pricing.statement.LineType;
import dev.tollgate.pricing.validation.InvalidPricingException;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.catalog.StoreCatalogView;
import dev.tollgate.rater.closing.PeriodStatements;
import dev.tollgate.rater.rating.ChargeResolver;
import dev.tollgate.rater.rating.RatingCounts;
import dev.tollgate.rater.rating.Resolution;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Prices a closed period again under the plan version a re-rate request names, in the task that
 * holds the subscription's statements and accepted events: the period's kept events, those it
 * turned away as late included, are aggregated afresh with each charge's {@link ChargeRater} in
 * event-time order, the statement is built by the close's own {@link PeriodStatements}, and the
 * difference from what the period was billed is published as a {@code rerate} adjustment (keyed by
 * subscription_id, for {@code tollgate.period-statements}) and kept beside the statement. The
 * statement itself is never edited.
 *
 * <p>Everything a re-rate writes (the adjustment, its outcome, the output record) is in the task's
 * transaction, and its outcome is kept under the re-rate's id, so a request read twice, before or
 * after a crash, yields one adjustment. The adjustment's lines depend only on the kept events, the
 * catalog and the request (issued at its {@code requested_at}).
 *
 * <p>Limits are not enforced again: an event past an enforced limit was turned away, not kept, and
 * every kept event is priced. A recurring charge that no kept event of the period reports is priced
 * at the units its line on the statement billed (the value carried into the period).
 *
 * <p>Stores: {@code accepted-events} (read), {@code statements} ((subscription, period start,
 * "rerates", rerate id) → adjustment), {@code rerates} ((subscription, rerate id) → Rerate),
 * {@code closed-periods} (read), {@code subscriptions} and the catalog (read).
 */
public final class RerateProcessor implements Processor<String, RerateRequest, String, PeriodStatement> {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final Comparator<AcceptedEvent> EVENT_TIME = Comparator
        .comparing((AcceptedEvent kept) -> kept.event().timestamp())
        .thenComparing(kept -> kept.event().id());

    private final RatingCounts counts;
    private final SkippedRecords skipped;
    private ProcessorContext<String, PeriodStatement> context;
    private CatalogView catalog;
    private PeriodStatements periodStatements;
    private KeyValueStore<String, PeriodStatement> statements;
    private KeyValueStore<String, Rerate> rerates;
    private KeyValueStore<String, Long> closedPeriods;
    private WindowStore<String, AcceptedEvent> accepted;

    public RerateProcessor(final RatingCounts counts, final SkippedRecords skipped) {
        this.counts = counts;
        this.skipped = skipped;
    }

    @Override
    public void init(final ProcessorContext<String, PeriodStatement> context) {
        this.context = context;
        this.catalog = new StoreCatalogView(context);
        this.statements = StateStores.STATEMENTS.in(context);
        this.rerates = StateStores.RERATES.in(context);
        this.closedPeriods = StateStores.CLOSED_PERIODS.in(context);
        this.accepted = StateStores.ACCEPTED_EVENTS.in(context);
        this.periodStatements = new PeriodStatements(catalog, StateStores.CHARGE_AGGREGATES.in(context), statements,
            StateStores.CREDIT_USE.in(context), StateStores.SPEND_TOTALS.in(context));
    }

    @Override
    public void process(final Record<String, RerateRequest> record) {
        final RerateRequest request = record.value();
        if (record.key() == null || request == null || request.id() == null || request.subscriptionId() == null
            || request.periodStart() == null || request.requestedAt() == null) {
            // Only the rater's own API writes this topic, and it writes complete requests.
            final RecordMetadata from = context.recordMetadata().orElseThrow();
            skipped.skip(from.topic(), from.partition(), from.offset(), SkippedRecords.Reason.INVALID,
                new IllegalArgumentException("a rerate request needs its customer_id key, id, subscription_id,"
                    + " period_start and requested_at"));
            return;
        }
        final String outcomeKey = StateKeys.rerate(request.subscriptionId(), request.id());
        if (rerates.get(outcomeKey) != null) {
            return;
        }
        final Outcome outcome = rerate(record.key(), request);
        // The adjustment is kept before the outcome: the API answers once it sees the outcome, and must find
        // the adjustment beside it then.
        if (outcome.adjustment() != null) {
            statements.put(outcome.adjustmentKey(), outcome.adjustment());
            context.forward(new Record<>(request.subscriptionId(), outcome.adjustment(), record.timestamp()));
        }
        rerates.put(outcomeKey, outcome.rerate());
        counts.rerate(outcome.rerate().rerated());
    }

    /** What became of a request: a rejection, or the adjustment and where it is kept. */
    private record Outcome(Rerate rerate, String adjustmentKey, PeriodStatement adjustment) {

        static Outcome rejected(final RerateRequest request, final String statementId, final String detail) {
            return new Outcome(Rerate.rejected(request, statementId, detail), null, null);
        }
    }

    private Outcome rerate(final String customerId, final RerateRequest request) {
        final String subscriptionId = request.subscriptionId();
        final CustomerSubscriptions customer = catalog.subscriptions(customerId);
        final Optional<Subscription> found = customer == null ? Optional.empty() : customer.byId(subscriptionId);
        if (found.isEmpty()) {
            return Outcome.rejected(request, null, "subscription " + subscriptionId + " is not known to the rater");
        }
        final Subscription subscription = found.get();
        final Plan plan = catalog.plan(subscription.plan());
        final Optional<PlanVersion> chosen = plan == null ? Optional.empty() : plan.versions().stream()
            .filter(version -> version.version() == request.planVersion()).findFirst();
        if (chosen.isEmpty()) {
            return Outcome.rejected(request, null, "plan " + subscription.plan() + " has no version "
                + request.planVersion());
        }
        final PlanVersion version = chosen.get();
        final Optional<Billed> billed = billed(subscriptionId, request.periodStart());
        if (billed.isEmpty()) {
            final Long closedThrough = closedPeriods.get(subscriptionId);
            return Outcome.rejected(request, null, closedThrough == null
                || !request.periodStart().isBefore(Instant.ofEpochMilli(closedThrough))
                ? "the period of subscription " + subscriptionId + " starting " + request.periodStart()
                    + " has not closed yet"
                : "subscription " + subscriptionId + " has no final statement for the period starting "
                    + request.periodStart());
        }
        final PeriodStatement statement = billed.get().statement();
        if (!version.currency().equals(statement.currency())) {
            return Outcome.rejected(request, statement.id(), "plan " + plan.code() + " v" + version.version()
                + " bills in " + version.currency() + ", the statement in " + statement.currency());
        }
        final BillingPeriod grid = subscription.schedule(version).gridPeriodAt(statement.period().start());
        if (!grid.start().equals(billed.get().gridStart())) {
            return Outcome.rejected(request, statement.id(), "plan " + plan.code() + " v" + version.version()
                + " bills periods other than the one statement " + statement.id() + " billed");
        }
        final List<AcceptedEvent> events = kept(subscriptionId, grid.start());
        final Map<ChargeSlot, ChargeState> charges;
        final PeriodStatement repriced;
        try {
            charges = aggregate(subscription, plan, version, events);
            carryBilledUnits(version, statement, grid.start(), charges);
            repriced = periodStatements.repriced(subscription, plan, version, grid,
                new BillingPeriod(statement.period().start(), statement.period().end()), charges, statement,
                request.requestedAt());
        } catch (InvalidPricingException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // A catalog entry missing here (a meter) or written around the API's checks: nothing is issued.
            return Outcome.rejected(request, statement.id(), "the period cannot be priced under plan " + plan.code()
                + " v" + version.version() + ": " + e.getMessage());
        }
        final long late = events.stream().filter(AcceptedEvent::late).count();
        final PeriodStatement adjustment = RerateAdjustment.of(statement, billed.get().rerates(), repriced,
            request.id(), "rerated under plan " + plan.code() + " v" + version.version() + ": " + events.size()
                + " events, " + late + " of them late", request.requestedAt());
        return new Outcome(new Rerate(request.id(), subscriptionId, request.periodStart(), version.version(),
            Rerate.RERATED, statement.id(), null, events.size(), (int) late, statement.currency(),
            adjustment.total(), adjustment.id(), request.requestedAt()),
            StateKeys.rerateAdjustment(billed.get().key(), request.id()), adjustment);
    }

    /**
     * A closed period's statement, where the store keeps it, and its re-rates so far.
     *
     * @param gridStart the start of its grid period: the statement's key holds it
     */
    private record Billed(String key, Instant gridStart, PeriodStatement statement, List<PeriodStatement> rerates) {
    }

    /** The final statement whose period starts at {@code periodStart}; a subscription has one per closed period. */
    private Optional<Billed> billed(final String subscriptionId, final Instant periodStart) {
        final String prefix = StateKeys.statementPrefix(subscriptionId);
        String key = null;
        PeriodStatement statement = null;
        final List<PeriodStatement> adjustments = new ArrayList<>();
        try (KeyValueIterator<String, PeriodStatement> entries = statements.prefixScan(prefix, KEYS)) {
            while (entries.hasNext()) {
                final KeyValue<String, PeriodStatement> entry = entries.next();
                if (entry.value.isRerate()) {
                    adjustments.add(entry.value);
                } else if (PeriodStatement.STATEMENT.equals(entry.value.kind())
                    && entry.value.period().start().equals(periodStart)) {
                    key = entry.key;
                    statement = entry.value;
                }
            }
        }
        if (statement == null) {
            return Optional.empty();
        }
        final String statementId = statement.id();
        final List<PeriodStatement> rerates = adjustments.stream()
            .filter(adjustment -> statementId.equals(adjustment.adjusts()))
            .sorted(Comparator.comparing(PeriodStatement::issuedAt).thenComparing(PeriodStatement::id))
            .toList();
        return Optional.of(new Billed(key, Instant.ofEpochMilli(Long.parseLong(key.substring(prefix.length()))),
            statement, rerates));
    }

    /** The period's kept events, rated and late, in event-time order. */
    private List<AcceptedEvent> kept(final String subscriptionId, final Instant gridStart) {
        final List<AcceptedEvent> events = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, AcceptedEvent> entries = accepted.fetch(
            StateKeys.acceptedEventsFrom(subscriptionId), StateKeys.acceptedEventsTo(subscriptionId), gridStart,
            gridStart)) {
            entries.forEachRemaining(entry -> events.add(entry.value));
        }
        events.sort(EVENT_TIME);
        return events;
    }

    /**
     * The period's charge states as the version's charges rate its events. An event that no charge of
     * the version prices, or whose properties a meter cannot read, adds nothing, as the rater would
     * have turned it away.
     */
    private Map<ChargeSlot, ChargeState> aggregate(final Subscription subscription, final Plan plan,
                                                   final PlanVersion version, final List<AcceptedEvent> events) {
        // A resolver of its own: a re-rate is rare, and it sees the catalog as it is now.
        final ChargeResolver resolver = new ChargeResolver(new ReadOnce(catalog));
        final Map<ChargeSlot, ChargeState> states = new LinkedHashMap<>();
        for (final AcceptedEvent kept : events) {
            if (!(resolver.resolveUnder(kept.event(), subscription, plan.code(), version)
                instanceof Resolution.Priced priced)) {
                continue;
            }
            final Map<ChargeSlot, ChargeState> next = new LinkedHashMap<>();
            try {
                for (final Resolution.MatchedCharge matched : priced.charges()) {
                    final MeterReading reading = matched.read(kept.event(), version.currency());
                    final ChargeSlot slot = new ChargeSlot(matched.charge().code(),
                        PricingGroups.groupOf(matched.groupKeys(), kept.event().properties()));
                    final ChargeState prior = next.getOrDefault(slot, states.getOrDefault(slot, ChargeState.empty()));
                    next.put(slot, matched.rater().rate(prior, reading).next());
                }
            } catch (InvalidPricingException e) {
                continue;
            }
            states.putAll(next);
        }
        return states;
    }

    /**
     * A recurring charge's value is carried into a period that reports none: where no kept event of
     * the period set one, the units its (single, ungrouped) usage line billed are priced again.
     */
    private void carryBilledUnits(final PlanVersion version, final PeriodStatement statement, final Instant gridStart,
                                  final Map<ChargeSlot, ChargeState> charges) {
        for (final Charge charge : version.charges()) {
            final Meter meter = catalog.meter(charge.meter());
            final ChargeSlot slot = ChargeSlot.of(charge.code());
            if (meter == null || !meter.recurring() || charges.keySet().stream()
                .anyMatch(held -> held.code().equals(charge.code()))) {
                continue;
            }
            final List<StatementLine> lines = statement.lines().stream()
                .filter(line -> LineType.USAGE.wireName().equals(line.type()) && charge.code().equals(line.code()))
                .toList();
            if (lines.size() == 1 && lines.get(0).units() != null && lines.get(0).units().signum() != 0) {
                final ChargeRater rater = ChargeRater.of(meter.aggregation(), charge.model(), charge.properties());
                charges.put(slot, rater.rate(ChargeState.empty(), MeterReading.of(gridStart,
                    lines.get(0).units())).next());
            }
        }
    }

    /**
     * The catalog read once per entry for one re-rate: the resolver asks for each event's meters,
     * and a global store read decodes the record every time.
     */
    private static final class ReadOnce implements CatalogView {

        private final CatalogView catalog;
        private final Map<String, Optional<Meter>> meters = new HashMap<>();
        private final Map<String, Optional<Plan>> plans = new HashMap<>();

        ReadOnce(final CatalogView catalog) {
            this.catalog = catalog;
        }

        @Override
        public CustomerSubscriptions subscriptions(final String customerId) {
            return catalog.subscriptions(customerId);
        }

        @Override
        public Plan plan(final String code) {
            return plans.computeIfAbsent(code, key -> Optional.ofNullable(catalog.plan(key))).orElse(null);
        }

        @Override
        public Meter meter(final String code) {
            return meters.computeIfAbsent(code, key -> Optional.ofNullable(catalog.meter(key))).orElse(null);
        }

        @Override
        public AddOn addOn(final String code) {
            return catalog.addOn(code);
        }

        @Override
        public Coupon coupon(final String code) {
            return catalog.coupon(code);
        }
    }
}
