package dev.tollgate.rater.rerate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.http.json.IdempotencyKey;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RerateRequest;
import dev.tollgate.pricing.validation.FieldError;
import dev.tollgate.rater.query.QueryRouter;
import dev.tollgate.rater.query.StatementDirectory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/subscriptions/{id}/rerate} (admin key): prices a closed period again under another
 * version of the subscription's plan (say, one made to fix a wrong price), its late events included,
 * and publishes the difference as a {@code rerate} adjustment on {@code tollgate.period-statements};
 * the statement itself is never edited. Body: {@code period_start} (the statement's
 * {@code period.start}), {@code plan_version}, and the re-rate's idempotency key as {@code id} or an
 * {@code Idempotency-Key} header (sent again, the same key adjusts once).
 *
 * <p>Any instance takes the request: it finds the subscription's statements wherever they are held,
 * then hands the request to the instance that owns the subscription's customer.
 */
@Controller("/v1/subscriptions/{subscriptionId}/rerate")
@Requires(property = "tollgate.components.rater", value = "true")
public class RerateController {

    static final List<String> FIELDS = List.of("id", "period_start", "plan_version");

    private final StatementDirectory directory;
    private final QueryRouter router;
    private final RerateDesk desk;
    private final Clock clock;

    public RerateController(final StatementDirectory directory, final QueryRouter router, final RerateDesk desk,
                            final Clock clock) {
        this.directory = directory;
        this.router = router;
        this.desk = desk;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<String> rerate(final HttpRequest<?> request, @PathVariable final String subscriptionId,
                                       @Body final byte[] body) {
        final RerateRequest rerate = read(JsonBodies.parseObject(body), subscriptionId,
            request.getHeaders().get(IdempotencyKey.HEADER));
        final List<PeriodStatement> statements = directory.statements(request, subscriptionId);
        if (statements.isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("period_start", "subscription " + subscriptionId
                + " has closed no period yet: only a closed period can be re-rated")));
        }
        final String customerId = statements.get(0).customerId();
        // The owner gets the request as read here, with the key in the body whichever way it came.
        return router.route(request, Json.write(body(rerate)), desk.answerWithin(), customerId,
            partition -> desk.rerate(partition, customerId, rerate));
    }

    private RerateRequest read(final JsonNode tree, final String subscriptionId, final String idempotencyKey) {
        final List<FieldError> errors = new ArrayList<>();
        final JsonFields fields = new JsonFields(tree, "", errors);
        fields.onlyFields("a re-rate", FIELDS);
        final String id = IdempotencyKey.read(fields, idempotencyKey, "re-rate", "adjust");
        final Instant periodStart = fields.instant("period_start");
        if (periodStart == null && !fields.has("period_start")) {
            fields.error("period_start", "is required: the start of the closed period, as its statement's"
                + " period.start");
        }
        final Integer planVersion = fields.integer("plan_version", 1, Integer.MAX_VALUE);
        if (planVersion == null && !fields.has("plan_version")) {
            fields.error("plan_version", "is required: the version of the plan whose prices to use");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new RerateRequest(id, subscriptionId, periodStart, planVersion, clock.instant());
    }

    /** The request in the shape this route takes, for the owner to read as it would a client's. */
    private static ObjectNode body(final RerateRequest rerate) {
        final ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", rerate.id());
        body.put("period_start", rerate.periodStart().toString());
        body.put("plan_version", rerate.planVersion());
        return body;
    }
}
