package dev.tollgate.rater.closing;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.StatementLine;
import dev.tollgate.pricing.charge.ChargeDefinition;
import dev.tollgate.pricing.period.BillingPeriod;
import dev.tollgate.pricing.period.BillingSchedule;
import dev.tollgate.pricing.rating.ChargeRater;
import dev.tollgate.pricing.rating.ChargeState;
import dev.tollgate.pricing.statement.AdvanceBilling;
import dev.tollgate.pricing.statement.GrantUse;
import dev.tollgate.pricing.statement.LineType;
import dev.tollgate.rater.catalog.CatalogView;
import dev.tollgate.rater.rating.RecurringValues;
import dev.tollgate.rater.state.ChargeSlot;
import dev.tollgate.rater.state.SpendState;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.statement.StatementAssembler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The statement of one period of a subscription, from the rater's stores: the period's charge states,
 * the values recurring meters carry into it, what credit grants paid of it, what was billed in advance for it,
 * priced by the
 * {@link StatementAssembler}. The period close issues what this builds, and the upcoming-statement
 * query shows what it would build now, so that a period closing with no further event bills exactly
 * what its upcoming statement showed.
 *
 * <p>Reads only: {@code charge-aggregates}, {@code credit-use}, {@code spend-totals} (what interim statements
 * billed) and {@code statements}, as the close's task or a query sees them.
 */
public final class PeriodStatements {

    private static final StringSerializer KEYS = new StringSerializer();

    private final CatalogView catalog;
    private final StatementAssembler assembler;
    private final ReadOnlyKeyValueStore<String, ChargeState> aggregates;
    private final ReadOnlyKeyValueStore<String, PeriodStatement> statements;
    private final ReadOnlyKeyValueStore<String, BigDecimal> creditUse;
    private final ReadOnlyKeyValueStore<String, SpendState> spendTotals;

    public PeriodStatements(final CatalogView catalog, final ReadOnlyKeyValueStore<String, ChargeState> aggregates,
                            final ReadOnlyKeyValueStore<String, PeriodStatement> statements,
                            final ReadOnlyKeyValueStore<String, BigDecimal> creditUse,
                            final ReadOnlyKeyValueStore<String, SpendState> spendTotals) {
        this.catalog = catalog;
        this.assembler = new StatementAssembler(catalog::meter, catalog::addOn, catalog::coupon);
        this.aggregates = aggregates;
        this.statements = statements;
        this.creditUse = creditUse;
        this.spendTotals = spendTotals;
    }

    /**
     * What a period holds: its charge states by slot with the store key of each, what each credit grant
     * paid of it with the key of each, and what its interim statements billed already.
     */
    record Reading(Map<ChargeSlot, ChargeState> states, Map<ChargeSlot, String> keys, List<GrantUse> grantsUsed,
                   List<String> grantKeys, BigDecimal interimBilled) {
    }

    /** A built statement, and the charge states it priced (carried values included). */
    record Built(PeriodStatement statement, Map<ChargeSlot, ChargeState> charges) {
    }

    /**
     * The statement the subscription's next close would issue if it ran at {@code now}: that of its
     * earliest unclosed period, marked {@code upcoming}. Empty when its billing has ended (nothing is
     * left to bill) or its plan is not known here yet.
     *
     * @param closedThrough the end of its last closed period; empty before its first close
     */
    public Optional<PeriodStatement> upcoming(final Subscription subscription, final Optional<Instant> closedThrough,
                                              final Instant now) {
        final Plan plan = catalog.plan(subscription.plan());
        if (plan == null) {
            return Optional.empty();
        }
        return CloseSchedule.next(subscription, plan, closedThrough.orElse(subscription.startedAt()))
            .map(next -> build(subscription, plan, next, read(subscription.id(), plan, next.grid().start()), now)
                .statement().upcoming());
    }

    /**
     * The period's charge states. Keys are looked up one by one from the plan's charges rather than
     * scanned: opening an iterator on a store costs far more than a read (Kafka Streams registers an
     * open-iterator metric for it), and a calendar month's end closes every subscription of a task at
     * once. Only a grouped charge's states, whose keys hold event values, are scanned.
     */
    Reading read(final String subscriptionId, final Plan plan, final Instant periodStart) {
        final Map<ChargeSlot, ChargeState> states = new LinkedHashMap<>();
        final Map<ChargeSlot, String> keys = new LinkedHashMap<>();
        for (final PeriodCharge charge : PeriodCharge.of(plan, catalog::meter).values()) {
            if (charge.grouped()) {
                try (KeyValueIterator<String, ChargeState> groups = aggregates.prefixScan(
                    StateKeys.groupsPrefix(subscriptionId, charge.code(), periodStart), KEYS)) {
                    groups.forEachRemaining(entry -> {
                        final ChargeSlot slot = StateKeys.chargeOf(entry.key);
                        states.put(slot, entry.value);
                        keys.put(slot, entry.key);
                    });
                }
            }
            final ChargeSlot ungrouped = ChargeSlot.of(charge.code());
            final String key = StateKeys.charge(subscriptionId, ungrouped, periodStart);
            final ChargeState state = aggregates.get(key);
            if (state != null) {
                states.put(ungrouped, state);
                keys.put(ungrouped, key);
            }
        }
        final List<GrantUse> grantsUsed = new ArrayList<>();
        final List<String> grantKeys = new ArrayList<>();
        try (KeyValueIterator<String, BigDecimal> paid = creditUse.prefixScan(
            StateKeys.creditPeriodPrefix(subscriptionId, periodStart), KEYS)) {
            paid.forEachRemaining(entry -> {
                grantsUsed.add(new GrantUse(StateKeys.grantOfPeriodUse(entry.key), entry.value));
                grantKeys.add(entry.key);
            });
        }
        final SpendState spent = spendTotals.get(StateKeys.spend(subscriptionId, periodStart));
        return new Reading(states, keys, grantsUsed, grantKeys, spent == null ? BigDecimal.ZERO : spent.interimBilled());
    }

    /**
     * The statement of the period {@code next} names, priced from {@code reading}. Throws when the
     * catalog lacks an entry it needs (a meter, an add-on not seen yet).
     */
    Built build(final Subscription subscription, final Plan plan, final CloseSchedule.NextClose next,
                final Reading reading, final Instant now) {
        final BillingPeriod grid = next.grid();
        final Instant start = grid.start().isBefore(subscription.startedAt()) ? subscription.startedAt()
            : grid.start();
        final Map<ChargeSlot, ChargeState> charges = withCarried(subscription, next.version(), grid.start(),
            reading.states());
        final PeriodStatement statement = assembler.assemble(subscription, plan, next.version(), grid,
            new BillingPeriod(start, next.end()), charges,
            feePeriodStart -> billedInAdvance(subscription, next.version(), feePeriodStart), reading.interimBilled(),
            reading.grantsUsed(), now);
        return new Built(statement, charges);
    }

    /**
     * A closed period's statement priced again under {@code version} from {@code charges}, the whole
     * period's charge states as a re-rate rebuilt them (its close deleted the stored ones); what was
     * billed in advance is read as for the close. What credit grants paid and what interim statements
     * billed are money that moved, not prices: they are taken from the original statement's lines.
     *
     * @param grid   the period's grid period, as its statement's key names it
     * @param period the statement period: the grid cut to the subscription's start and end
     */
    public PeriodStatement repriced(final Subscription subscription, final Plan plan, final PlanVersion version,
                                    final BillingPeriod grid, final BillingPeriod period,
                                    final Map<ChargeSlot, ChargeState> charges, final PeriodStatement original,
                                    final Instant now) {
        final List<GrantUse> grantsUsed = new ArrayList<>();
        BigDecimal interimBilled = BigDecimal.ZERO;
        for (final StatementLine line : original.lines()) {
            if (LineType.CREDIT_GRANT.wireName().equals(line.type())) {
                grantsUsed.add(new GrantUse(line.code(), line.amount().negate()));
            } else if (LineType.INTERIM_BILLED.wireName().equals(line.type())) {
                interimBilled = interimBilled.subtract(line.amount());
            }
        }
        return assembler.assemble(subscription, plan, version, grid, period, charges,
            feePeriodStart -> billedInAdvance(subscription, version, feePeriodStart), interimBilled, grantsUsed, now);
    }

    /**
     * What the statement that billed in advance the fee period starting at {@code feeStart} charged
     * for each fee, and the share of it paid after its coupons: the opening statement for the first
     * fee period, else the closing statement of the plan period before it (the month before a year
     * paid yearly or a yearly fee's year).
     */
    private AdvanceBilling billedInAdvance(final Subscription subscription, final PlanVersion version,
                                           final Instant feeStart) {
        final BillingSchedule periods = subscription.schedule(version);
        final PeriodStatement billing = statements.get(feeStart.isAfter(subscription.startedAt())
            ? StateKeys.statement(subscription.id(), periods.gridPeriodAt(feeStart.minusMillis(1)).start())
            : StateKeys.openingStatement(subscription.id(), periods.gridPeriodAt(subscription.startedAt()).start()));
        if (billing == null) {
            return AdvanceBilling.NONE;
        }
        final Map<String, BigDecimal> fees = new HashMap<>();
        BigDecimal discounts = BigDecimal.ZERO;
        for (final StatementLine line : billing.lines()) {
            if (StatementAssembler.isFee(line.type())) {
                fees.put(StatementAssembler.feeKey(line.type(), line.code()), line.amount());
            } else if (LineType.COUPON.wireName().equals(line.type())) {
                discounts = discounts.subtract(line.amount());
            }
        }
        return new AdvanceBilling(fees, AdvanceBilling.paidShare(billing.subtotal(), discounts));
    }

    /**
     * The period's states with, for each charge on a recurring meter, the value carried into it where
     * no event reported one: what the previous period closed with, priced under this period's version.
     */
    private Map<ChargeSlot, ChargeState> withCarried(final Subscription subscription, final PlanVersion version,
                                                     final Instant periodStart, final Map<ChargeSlot, ChargeState> read) {
        final Map<ChargeSlot, ChargeState> charges = new LinkedHashMap<>(read);
        for (final Charge charge : version.charges()) {
            final Meter meter = catalog.meter(charge.meter());
            if (meter == null || !meter.recurring()) {
                continue;
            }
            final ChargeRater rater = ChargeRater.of(meter.aggregation(), charge.model(), charge.properties());
            for (final ChargeSlot slot : carriedSlots(subscription.id(), charge)) {
                if (!charges.containsKey(slot)) {
                    final ChargeState opening = RecurringValues.opening(aggregates::get, subscription, version,
                        periodStart, slot, rater);
                    if (opening.events() > 0) {
                        charges.put(slot, opening);
                    }
                }
            }
        }
        return charges;
    }

    /** The ungrouped slot of a recurring charge and, for a grouped one, every group a close carried. */
    private List<ChargeSlot> carriedSlots(final String subscriptionId, final Charge charge) {
        final List<ChargeSlot> slots = new ArrayList<>();
        slots.add(ChargeSlot.of(charge.code()));
        if (!ChargeDefinition.parse(charge.model(), charge.properties()).pricingGroupKeys().isEmpty()) {
            try (KeyValueIterator<String, ChargeState> groups = aggregates.prefixScan(
                StateKeys.carriedGroupsPrefix(subscriptionId, charge.code()), KEYS)) {
                groups.forEachRemaining(entry -> slots.add(StateKeys.chargeOf(entry.key)));
            }
        }
        return slots;
    }
}
