package dev.tollgate.rater.refund.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.http.json.IdempotencyKey;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RefundRequest;
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
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/subscriptions/{id}/refunds} (admin key): refunds all or part of a final statement
 * with an adjustment record on {@code tollgate.period-statements}; the statement itself is never
 * edited. Body: {@code statement_id}, optional {@code amount} (everything left when absent) and
 * {@code reason}, and the refund's idempotency key as {@code id} or an {@code Idempotency-Key}
 * header (sent again, the same key refunds once). A key is required: without one a POST retried
 * after a lost answer would refund twice.
 *
 * <p>Any instance takes the request: it finds the statement wherever it is held, then hands the
 * request to the instance that owns the statement's customer.
 */
@Controller("/v1/subscriptions/{subscriptionId}/refunds")
@Requires(property = "tollgate.components.rater", value = "true")
public class RefundController {

    static final List<String> FIELDS = List.of("id", "statement_id", "amount", "reason");

    private final StatementDirectory directory;
    private final QueryRouter router;
    private final RefundDesk desk;
    private final Clock clock;

    public RefundController(final StatementDirectory directory, final QueryRouter router, final RefundDesk desk,
                            final Clock clock) {
        this.directory = directory;
        this.router = router;
        this.desk = desk;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<String> refund(final HttpRequest<?> request, @PathVariable final String subscriptionId,
                                       @Body final byte[] body) {
        final RefundRequest refund = read(JsonBodies.parseObject(body), subscriptionId,
            request.getHeaders().get(IdempotencyKey.HEADER));
        final PeriodStatement statement = directory.statements(request, subscriptionId).stream()
            .filter(candidate -> !candidate.isAdjustment() && candidate.id().equals(refund.statementId()))
            .findFirst()
            .orElseThrow(() -> ProblemException.notFound("subscription " + subscriptionId
                + " has no final statement " + refund.statementId()));
        // The owner gets the request as read here, with the key in the body whichever way it came.
        return router.route(request, Json.write(body(refund)), desk.answerWithin(), statement.customerId(),
            partition -> desk.refund(partition, statement.customerId(), refund));
    }

    private RefundRequest read(final JsonNode tree, final String subscriptionId, final String idempotencyKey) {
        final List<FieldError> errors = new ArrayList<>();
        final JsonFields fields = new JsonFields(tree, "", errors);
        fields.onlyFields("a refund", FIELDS);
        final String id = IdempotencyKey.read(fields, idempotencyKey, "refund", "refund");
        final String statementId = fields.text("statement_id", true);
        final BigDecimal amount = fields.decimal("amount", false);
        if (amount != null && amount.signum() <= 0) {
            fields.error("amount", "must be greater than 0; leave it out to refund everything left");
        }
        final String reason = fields.text("reason", false);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new RefundRequest(id, subscriptionId, statementId, amount, reason, clock.instant());
    }

    /** The request in the shape this route takes, for the owner to read as it would a client's. */
    private static ObjectNode body(final RefundRequest refund) {
        final ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", refund.id());
        body.put("statement_id", refund.statementId());
        if (refund.amount() != null) {
            body.put("amount", refund.amount().toPlainString());
        }
        if (refund.reason() != null) {
            body.put("reason", refund.reason());
        }
        return body;
    }
}
