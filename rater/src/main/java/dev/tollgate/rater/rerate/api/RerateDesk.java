package dev.tollgate.rater.rerate.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CustomerSubscriptions;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.Rerate;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.rater.query.RaterStores;
import dev.tollgate.rater.rerate.RerateProcessor;
import dev.tollgate.rater.runtime.RaterProperties;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Takes a re-rate request on the instance that owns the subscription's customer: answers a repeated
 * id from the {@code rerates} store, refuses at once an unknown subscription, plan version or period,
 * and otherwise writes the request and waits for the {@link RerateProcessor}'s outcome. The processor
 * checks again and decides; the checks here give the client its 404 or 422 without a round trip.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class RerateDesk {

    private static final Duration POLL = Duration.ofMillis(25);
    /** Room for the owner to read its stores and write its answer, beyond the write and the wait. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private final RaterStores stores;
    private final ReratePublisher publisher;
    private final Duration wait;

    public RerateDesk(final RaterStores stores, final ReratePublisher publisher, final RaterProperties settings) {
        this.stores = stores;
        this.publisher = publisher;
        this.wait = settings.rerateWait();
    }

    /** How long {@link #rerate} may take: what a forwarding instance waits for the owner. */
    public Duration answerWithin() {
        return publisher.bound().plus(wait).plus(SLACK);
    }

    /** 201 with the outcome and its adjustment, 404/422 when refused, 409 for an id used otherwise, 202 while pending. */
    public HttpResponse<String> rerate(final int partition, final String customerId, final RerateRequest request) {
        final ReadOnlyKeyValueStore<String, Rerate> rerates =
            stores.store(StateStores.RERATES.name(), StateStores.RERATES.queryType(), partition);
        final ReadOnlyKeyValueStore<String, PeriodStatement> statements =
            stores.store(StateStores.STATEMENTS.name(), StateStores.STATEMENTS.queryType(), partition);
        final String key = StateKeys.rerate(request.subscriptionId(), request.id());
        final Rerate known = rerates.get(key);
        if (known != null) {
            return answer(known, request, statements);
        }
        check(partition, customerId, request, statements);
        publisher.publish(customerId, request);
        final long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() - deadline < 0) {
            final Rerate outcome = rerates.get(key);
            if (outcome != null) {
                return answer(outcome, request, statements);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RaterStores.notReady("interrupted while waiting for the re-rate's outcome");
            }
        }
        return JsonBodies.respond(HttpStatus.ACCEPTED, Map.of("id", request.id(), "status", "pending",
            "detail", "the re-rate was requested but not done within " + wait.toSeconds()
                + " s; send the request again with the same id to learn its outcome"));
    }

    /** What the processor would refuse, told apart: 404 for what does not exist, 422 for what cannot be re-rated. */
    private void check(final int partition, final String customerId, final RerateRequest request,
                       final ReadOnlyKeyValueStore<String, PeriodStatement> statements) {
        final CustomerSubscriptions customer = ValueAndTimestamp.getValueOrNull(stores.store(
            StateStores.SUBSCRIPTIONS.name(), StateStores.SUBSCRIPTIONS.queryType(), partition).get(customerId));
        final Optional<Subscription> subscription = customer == null ? Optional.empty()
            : customer.byId(request.subscriptionId());
        if (subscription.isEmpty()) {
            throw ProblemException.notFound("subscription " + request.subscriptionId() + " is not known to the rater");
        }
        final Plan plan = ValueAndTimestamp.getValueOrNull(stores.store(StateStores.PLANS.name(),
            StateStores.PLANS.queryType()).get(subscription.get().plan()));
        if (plan == null) {
            throw RaterStores.notReady("plan " + subscription.get().plan() + " is not known to the rater yet");
        }
        if (plan.versions().stream().noneMatch(version -> version.version() == request.planVersion())) {
            throw ProblemException.invalid(List.of(new FieldError("plan_version", "plan " + plan.code()
                + " has no version " + request.planVersion())));
        }
        if (statement(statements, request).isPresent()) {
            return;
        }
        final Long closedThrough = stores.store(StateStores.CLOSED_PERIODS.name(),
            StateStores.CLOSED_PERIODS.queryType(), partition).get(request.subscriptionId());
        if (closedThrough == null || !request.periodStart().isBefore(Instant.ofEpochMilli(closedThrough))) {
            throw ProblemException.invalid(List.of(new FieldError("period_start", "the period of subscription "
                + request.subscriptionId() + " starting " + request.periodStart() + " has not closed yet")));
        }
        throw ProblemException.notFound("subscription " + request.subscriptionId()
            + " has no final statement for the period starting " + request.periodStart());
    }

    private static Optional<PeriodStatement> statement(final ReadOnlyKeyValueStore<String, PeriodStatement> statements,
                                                       final RerateRequest request) {
        try (KeyValueIterator<String, PeriodStatement> entries = statements.prefixScan(
            StateKeys.statementPrefix(request.subscriptionId()), new StringSerializer())) {
            while (entries.hasNext()) {
                final PeriodStatement candidate = entries.next().value;
                if (PeriodStatement.STATEMENT.equals(candidate.kind())
                    && candidate.period().start().equals(request.periodStart())) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static HttpResponse<String> answer(final Rerate outcome, final RerateRequest request,
                                               final ReadOnlyKeyValueStore<String, PeriodStatement> statements) {
        if (!outcome.answers(request)) {
            throw ProblemException.conflict("re-rate " + request.id() + " of subscription " + request.subscriptionId()
                + " was requested before with another period_start or plan_version");
        }
        if (!outcome.rerated()) {
            throw new ProblemException(422, "Re-rate refused", outcome.detail());
        }
        final ObjectNode body = Json.mapper().valueToTree(outcome);
        adjustment(statements, outcome).ifPresent(adjustment -> body.set("adjustment",
            Json.mapper().valueToTree(adjustment)));
        return JsonBodies.created(body);
    }

    private static Optional<PeriodStatement> adjustment(final ReadOnlyKeyValueStore<String, PeriodStatement> statements,
                                                        final Rerate outcome) {
        try (KeyValueIterator<String, PeriodStatement> entries = statements.prefixScan(
            StateKeys.statementPrefix(outcome.subscriptionId()), new StringSerializer())) {
            while (entries.hasNext()) {
                final PeriodStatement candidate = entries.next().value;
                if (candidate.id().equals(outcome.adjustmentId())) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
