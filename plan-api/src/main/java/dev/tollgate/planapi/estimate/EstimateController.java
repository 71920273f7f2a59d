package dev.tollgate.planapi.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.JsonFields;
import dev.tollgate.pricing.charge.ChargePricing;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldError;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/charges/estimate}: prices one charge without any state, with the same
 * {@link ChargePricing} the rater runs. {@code units} prices a period total; {@code events} prices the
 * period event by event, which only percentage charges price differently.
 */
@Controller("/v1/charges/estimate")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class EstimateController {

    static final int MAX_EVENTS = 10_000;
    private static final Set<String> FIELDS = Set.of("model", "properties", "units", "events");
    private static final String NOT_UNITS = "must be a decimal number of 0 or more, such as \"12.5\"";

    /** The answer: the amount at full precision, as the rater's deltas add up to it. */
    record Estimate(BigDecimal amount) {
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> estimate(@Body final byte[] body) {
        final JsonNode json = JsonBodies.parseObject(body);
        final JsonFields fields = new JsonFields(json, "", new ArrayList<>());
        unknownFields(json, fields);
        final String model = fields.text("model", true);
        final Map<String, Object> properties = fields.object("properties");
        final boolean byEvents = fields.has("events");
        if (byEvents == fields.has("units")) {
            fields.error("units", "give either units (the period's total) or events (each event's units)");
        }
        final BigDecimal units = byEvents || !fields.has("units") ? null
            : units(fields.node("units"), "units", fields);
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
        } catch (ArithmeticException | IllegalArgumentException e) {
            // Bounded inputs leave nothing here to fail on; should a model still refuse them, that is a 422.
            throw ProblemException.invalid(List.of(new FieldError("properties", "cannot price these units: "
                + e.getMessage())));
        }
    }

    private static void unknownFields(final JsonNode json, final JsonFields fields) {
        final Iterator<String> names = json.fieldNames();
        int unknown = 0;
        while (names.hasNext()) {
            final String name = names.next();
            if (!FIELDS.contains(name) && ++unknown <= UsageEventReader.MAX_ERRORS) {
                fields.error(UsageEventReader.printableName(name), "is not a field of an estimate; expected "
                    + "model, properties and units or events");
            }
        }
        if (unknown > UsageEventReader.MAX_ERRORS) {
            fields.error("", "has " + (unknown - UsageEventReader.MAX_ERRORS) + " more unknown fields, not listed");
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
            final BigDecimal units = units(node.get(i), "events[" + i + "]", fields);
            if (units != null) {
                events.add(units);
            }
        }
        return events;
    }

    /**
     * Units of 0 or more within the decimal bounds the rater applies to events, so that an estimate is
     * never asked what the rater would never price (and a million digits are never parsed or printed).
     */
    private static BigDecimal units(final JsonNode value, final String field, final JsonFields fields) {
        final Object raw = value.isNumber() ? value.decimalValue() : value.isTextual() ? value.textValue().trim()
            : null;
        final BigDecimal units = Decimals.parseBounded(raw, NOT_UNITS, problem -> fields.error(field, problem));
        if (units != null && units.signum() < 0) {
            fields.error(field, NOT_UNITS);
            return null;
        }
        return units;
    }
}
