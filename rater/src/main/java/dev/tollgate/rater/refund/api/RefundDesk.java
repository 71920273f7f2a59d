package dev.tollgate.rater.refund.api;

import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.Refund;
import dev.tollgate.model.rating.RefundRequest;
import dev.tollgate.pricing.refund.RefundDecision;
import dev.tollgate.pricing.refund.Refunds;
import dev.tollgate.rater.query.RaterStores;
import dev.tollgate.rater.refund.RefundProcessor;
import dev.tollgate.rater.refund.StatementLedger;
import dev.tollgate.rater.runtime.RaterProperties;
import dev.tollgate.rater.state.StateKeys;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Takes a refund request on the instance that owns the statement's customer: answers a repeated
 * refund id from the {@code refunds} store, refuses at once what the statement's ledger already
 * rules out, and otherwise writes the request and waits for the {@link RefundProcessor}'s outcome.
 * The processor decides, one request at a time; the check here only spares a round trip, so two
 * requests racing for the same remainder get one refund and one 422.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class RefundDesk {

    private static final Duration POLL = Duration.ofMillis(25);
    /** Room for the owner to read its stores and write its answer, beyond the write and the wait. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private final RaterStores stores;
    private final RefundPublisher publisher;
    private final Duration wait;

    public RefundDesk(final RaterStores stores, final RefundPublisher publisher,
                      final RaterProperties settings) {
        this.stores = stores;
        this.publisher = publisher;
        this.wait = settings.refundWait();
    }

    /** How long {@link #refund} may take: what a forwarding instance waits for the owner. */
    public Duration answerWithin() {
        return publisher.bound().plus(wait).plus(SLACK);
    }

    /** 201 with the refund, 422 when refused, 409 when the id was used for another request, 202 while pending. */
    public HttpResponse<String> refund(final int partition, final String customerId, final RefundRequest request) {
        final ReadOnlyKeyValueStore<String, Refund> refunds =
            stores.store(StateStores.REFUNDS.name(), StateStores.REFUNDS.queryType(), partition);
        final String key = StateKeys.refund(request.subscriptionId(), request.id());
        final Refund known = refunds.get(key);
        if (known != null) {
            return answer(known, request);
        }
        final ReadOnlyKeyValueStore<String, PeriodStatement> statements =
            stores.store(StateStores.STATEMENTS.name(), StateStores.STATEMENTS.queryType(), partition);
        final StatementLedger ledger = StatementLedger.read(statements, request.subscriptionId(),
                request.statementId())
            .orElseThrow(() -> ProblemException.notFound("subscription " + request.subscriptionId()
                + " has no final statement " + request.statementId()));
        if (Refunds.decide(ledger.statement().total(), ledger.refunded(), Optional.ofNullable(request.amount()),
            ledger.statement().currency()) instanceof RefundDecision.Refused refused) {
            throw refusal(refused.detail());
        }
        publisher.publish(customerId, request);
        final long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() - deadline < 0) {
            final Refund outcome = refunds.get(key);
            if (outcome != null) {
                return answer(outcome, request);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RaterStores.notReady("interrupted while waiting for the refund's outcome");
            }
        }
        return JsonBodies.respond(HttpStatus.ACCEPTED, Map.of("id", request.id(), "status", "pending",
            "detail", "the refund was requested but not decided within " + wait.toSeconds()
                + " s; send the request again with the same id to learn its outcome"));
    }

    private static HttpResponse<String> answer(final Refund outcome, final RefundRequest request) {
        if (!outcome.answers(request)) {
            throw ProblemException.conflict("refund " + request.id() + " of subscription " + request.subscriptionId()
                + " was requested before with another statement, amount or reason");
        }
        if (!outcome.granted()) {
            throw refusal(outcome.detail());
        }
        return JsonBodies.created(outcome);
    }

    private static ProblemException refusal(final String detail) {
        return new ProblemException(422, "Refund refused", detail);
    }
}
