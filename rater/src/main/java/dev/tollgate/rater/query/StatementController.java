package dev.tollgate.rater.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.rater.runtime.RaterStreams;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /v1/subscriptions/{id}/statements}: the subscription's final statements, oldest first,
 * amounts rounded to the currency's minor unit; [] before its first period closes, 404 when no
 * instance knows the subscription, 503 while any instance cannot answer (never a partial list).
 */
@Controller("/v1/subscriptions/{subscriptionId}/statements")
@Requires(property = "tollgate.components.rater", value = "true")
public class StatementController {

    private final RaterStreams rater;
    private final StatementQueries queries;
    private final OwnerForwarder forwarder;
    private final HostInfo self;

    public StatementController(final RaterStreams rater, final StatementQueries queries,
                               final OwnerForwarder forwarder,
                               @Value("${tollgate.rater.advertised-endpoint}") final String advertisedEndpoint) {
        this.rater = rater;
        this.queries = queries;
        this.forwarder = forwarder;
        this.self = HostInfo.buildFromEndpoint(advertisedEndpoint);
    }

    @Get
    public HttpResponse<String> statements(final HttpRequest<?> request, @PathVariable final String subscriptionId) {
        if (rater.streams().state() != KafkaStreams.State.RUNNING) {
            throw RaterStores.notReady("the rater is " + rater.streams().state().name().toLowerCase());
        }
        final StatementQueries.LocalStatements local = queries.local(subscriptionId);
        if (OwnerForwarder.wasForwarded(request)) {
            return JsonBodies.ok(local);
        }
        final List<PeriodStatement> statements = new ArrayList<>(local.statements());
        boolean known = local.known();
        for (final StreamsMetadata peer : rater.streams().metadataForAllStreamsClients()) {
            if (peer.hostInfo().equals(self)) {
                continue;
            }
            final StatementQueries.LocalStatements theirs = read(forwarder.forward(request, peer.hostInfo()));
            statements.addAll(theirs.statements());
            known |= theirs.known();
        }
        if (!known) {
            throw ProblemException.notFound("subscription " + subscriptionId + " is not known to the rater");
        }
        statements.sort(Comparator.comparing(statement -> statement.period().start()));
        return JsonBodies.ok(statements);
    }

    private static StatementQueries.LocalStatements read(final HttpResponse<String> answer) {
        if (answer.code() != 200) {
            throw RaterStores.notReady("another rater instance answered " + answer.code());
        }
        try {
            return Json.mapper().readValue(answer.body(), StatementQueries.LocalStatements.class);
        } catch (JsonProcessingException e) {
            throw RaterStores.notReady("another rater instance answered something unreadable");
        }
    }
}
