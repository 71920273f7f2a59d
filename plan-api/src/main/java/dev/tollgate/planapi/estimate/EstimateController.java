package dev.tollgate.planapi.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.charge.ChargePricing;
import dev.tollgate.pricing.validation.InvalidPricingException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/charges/estimate}: prices one charge without any state, with the same
 * {@link ChargePricing} the rater runs. {@code units} prices a period total; {@code events} prices the
 * period event by event, which only percentage charges price differently.
 */
@Controller("/v1/charges/estimate")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class EstimateController {

    static final int MAX_EVENTS = 10_000;

    /** The answer: the amount at full precision, as the rater's deltas add up to it. */
    record Estimate(BigDecimal amount) {
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> estimate(@Body final byte[] body) {
        final JsonFields fields = new JsonFields(JsonBodies.parseObject(body), "", new ArrayList<>());
        final String model = fields.text("model", true);
        final Map<String, Object> properties = fields.object("properties");
        final boolean byEvents = fields.has("events");
        if (byEvents == fields.has("units")) {
            fields.error("units", "give either units (the period's total) or events (each event's units)");
        }
        final BigDecimal units = byEvents ? null : fields.nonNegativeDecimal("units", false);
        final List<BigDecimal> events = byEvents ? events(fields) : List.of();
        ChargePricing pricing = null;
        if (model != null && properties != null) {
            try {
                pricing = ChargePricing.parse(model, properties);
            } catch (InvalidPricingException e) {
                e.errors().forEach(error -> fields.error(error.field(), error.message()));
            }
        }
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid(fields.errors());
        }
        try {
            return JsonBodies.ok(new Estimate(byEvents ? pricing.amountForEvents(events)
                : pricing.amountForUnits(units)));
        } catch (InvalidPricingException e) {
            throw ProblemException.invalid(e.errors());
        }
    }

    private static List<BigDecimal> events(final JsonFields fields) {
        final JsonNode node = fields.node("events");
        if (!node.isArray() || node.size() > MAX_EVENTS) {
            fields.error("events", "must be a list of at most " + MAX_EVENTS + " event units");
            return List.of();
        }
        final List<BigDecimal> events = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            final BigDecimal units = decimal(node.get(i));
            if (units == null || units.signum() < 0) {
                fields.error("events[" + i + "]", "must be a decimal number of 0 or more, such as \"12.5\"");
            } else {
                events.add(units);
            }
        }
        return events;
    }

    private static BigDecimal decimal(final JsonNode value) {
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                return new BigDecimal(value.textValue().trim());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
