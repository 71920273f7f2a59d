package dev.tollgate.rater.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.rater.runtime.RaterProperties;
import dev.tollgate.rater.runtime.RaterStreams;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A subscription's statements and refund adjustments from every rater instance. They live in the
 * task of the subscription's customer, and the routes name only the subscription, so each instance
 * is asked for what it holds ({@code GET .../statements}, marked as forwarded) and the answers are
 * merged; a request that was itself forwarded is answered from this instance alone.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class StatementDirectory {

    private static final Comparator<PeriodStatement> OLDEST_FIRST = Comparator
        .comparing((PeriodStatement statement) -> statement.period().start())
        .thenComparing(PeriodStatement::isAdjustment)
        .thenComparing(PeriodStatement::issuedAt)
        .thenComparing(PeriodStatement::id);

    private final RaterStreams rater;
    private final StatementQueries queries;
    private final UpcomingStatements upcoming;
    private final OwnerForwarder forwarder;
    private final HostInfo self;

    public StatementDirectory(final RaterStreams rater, final StatementQueries queries,
                              final UpcomingStatements upcoming, final OwnerForwarder forwarder,
                              final RaterProperties settings) {
        this.rater = rater;
        this.queries = queries;
        this.upcoming = upcoming;
        this.forwarder = forwarder;
        this.self = HostInfo.buildFromEndpoint(settings.advertisedEndpoint());
    }

    /**
     * The subscription's statements and refunds, oldest period first, each statement before its
     * refunds; 404 when no instance knows the subscription, 503 while any instance cannot answer
     * (never a partial list).
     *
     * @param request a request on a route under {@code /v1/subscriptions/{id}/}, whose sibling
     *                {@code statements} route the other instances are asked
     */
    public List<PeriodStatement> statements(final HttpRequest<?> request, final String subscriptionId) {
        final StatementQueries.LocalStatements local = queries.local(subscriptionId);
        final List<PeriodStatement> statements = new ArrayList<>(local.statements());
        boolean known = local.known();
        if (!OwnerForwarder.wasForwarded(request)) {
            final String rawPath = request.getUri().getRawPath();
            final String statementsPath = rawPath.substring(0, rawPath.lastIndexOf('/')) + "/statements";
            for (final StatementQueries.LocalStatements theirs
                : fromPeers(request, statementsPath, StatementQueries.LocalStatements.class)) {
                statements.addAll(theirs.statements());
                known |= theirs.known();
            }
        }
        if (!known) {
            throw unknown(subscriptionId);
        }
        statements.sort(OLDEST_FIRST);
        return statements;
    }

    /**
     * The subscription's upcoming statement, from the instance whose task holds it; 404 when no
     * instance knows the subscription or its billing has ended, 503 while any instance cannot answer.
     *
     * @param request a request on {@code /v1/subscriptions/{id}/statements/upcoming}, which the other
     *                instances are asked in turn
     */
    public PeriodStatement upcoming(final HttpRequest<?> request, final String subscriptionId) {
        UpcomingStatements.LocalUpcoming found = upcoming.local(subscriptionId);
        if (!found.known() && !OwnerForwarder.wasForwarded(request)) {
            for (final UpcomingStatements.LocalUpcoming theirs
                : fromPeers(request, request.getUri().getRawPath(), UpcomingStatements.LocalUpcoming.class)) {
                if (theirs.known()) {
                    found = theirs;
                }
            }
        }
        if (!found.known()) {
            throw unknown(subscriptionId);
        }
        if (found.statement() == null) {
            throw ProblemException.notFound("subscription " + subscriptionId + " has no period left to bill: "
                + "its billing has ended and its last statement is final");
        }
        return found.statement();
    }

    /** What every other instance answers on {@code path}, asked as a forwarded request. */
    private <T> List<T> fromPeers(final HttpRequest<?> request, final String path, final Class<T> type) {
        final List<T> answers = new ArrayList<>();
        for (final StreamsMetadata peer : rater.streams().metadataForAllStreamsClients()) {
            if (!peer.hostInfo().equals(self)) {
                answers.add(read(forwarder.get(request, peer.hostInfo(), path), type));
            }
        }
        return answers;
    }

    private static ProblemException unknown(final String subscriptionId) {
        return ProblemException.notFound("subscription " + subscriptionId + " is not known to the rater");
    }

    private static <T> T read(final HttpResponse<String> answer, final Class<T> type) {
        if (answer.code() != 200) {
            throw RaterStores.notReady("another rater instance answered " + answer.code());
        }
        try {
            return Json.mapper().readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw RaterStores.notReady("another rater instance answered something unreadable");
        }
    }
}
