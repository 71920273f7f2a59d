package dev.tollgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a request body into the usage events to write, or into the problem that answers it:
 * 400 when it is not JSON of the right shape, 413 past {@link #MAX_EVENTS}, 422 listing every
 * invalid field of every event.
 *
 * <p>A batch is all or nothing (issue 7: never lose or double-count an event): one invalid item
 * and none is written, so a producer resends the corrected batch as it was, with no need to work
 * out which items went through.
 */
final class EventBodies {

    static final int MAX_EVENTS = 1_000;
    static final String EVENTS = "events";

    private EventBodies() {
    }

    static UsageEvent single(final byte[] body, final EventFormat format, final Instant receivedAt) {
        final List<FieldError> errors = new ArrayList<>();
        final UsageEvent event = item(JsonBodies.parseObject(body), format, "", receivedAt, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return event;
    }

    static List<UsageEvent> batch(final byte[] body, final EventFormat format, final Instant receivedAt) {
        final List<FieldError> errors = new ArrayList<>();
        final JsonNode items = format == EventFormat.NATIVE ? eventsOf(JsonBodies.parseObject(body), errors)
            : parseArray(body);
        if (items == null) {
            throw ProblemException.invalid(errors);
        }
        if (items.size() > MAX_EVENTS) {
            throw IngestProblems.tooManyEvents(items.size());
        }
        final String prefix = format == EventFormat.NATIVE ? EVENTS : "";
        if (items.isEmpty()) {
            errors.add(new FieldError(prefix, "must hold 1 to " + MAX_EVENTS + " events"));
        }
        final List<UsageEvent> events = new ArrayList<>(items.size());
        final Map<String, Integer> firstIndexOf = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            final String path = prefix + "[" + i + "]";
            final UsageEvent event = item(items.get(i), format, path, receivedAt, errors);
            if (event == null) {
                continue;
            }
            final Integer first = firstIndexOf.putIfAbsent(event.customerId() + '\u0000' + event.id(), i);
            if (first != null) {
                errors.add(new FieldError(path + ".id", "repeats the event at index " + first
                    + " (same customer and id); an event is sent once"));
            }
            events.add(event);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return events;
    }

    /** One event, its errors filed under {@code path} (e.g. "events[3]"); null when it is invalid. */
    private static UsageEvent item(final JsonNode node, final EventFormat format, final String path,
                                   final Instant receivedAt, final List<FieldError> errors) {
        final List<FieldError> own = new ArrayList<>();
        final UsageEventReader.Result result;
        if (format == EventFormat.NATIVE) {
            result = UsageEventReader.read(node, receivedAt);
            own.addAll(result.errors());
        } else if (node == null || !node.isObject()) {
            result = null;
            own.add(new FieldError("", "must be a JSON object"));
        } else {
            result = UsageEventReader.read(CloudEvents.toUsageEvent(node, own), receivedAt);
            result.errors().stream().map(CloudEvents::asAttributeError).forEach(own::add);
        }
        for (final FieldError error : own) {
            errors.add(new FieldError(join(path, error.field()), error.message()));
        }
        return own.isEmpty() ? result.event() : null;
    }

    private static JsonNode eventsOf(final JsonNode body, final List<FieldError> errors) {
        final Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!EVENTS.equals(name)) {
                errors.add(new FieldError(UsageEventReader.printableName(name),
                    "is not a field of a batch; send {\"events\": [...]}"));
            }
        }
        final JsonNode events = body.get(EVENTS);
        if (events == null || events.isNull()) {
            errors.add(new FieldError(EVENTS, "is required"));
            return null;
        }
        if (!events.isArray()) {
            errors.add(new FieldError(EVENTS, "must be an array of events"));
            return null;
        }
        return events;
    }

    private static JsonNode parseArray(final byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; a JSON array of CloudEvents is expected");
        }
        final JsonNode tree;
        try {
            tree = Json.tree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isArray()) {
            throw ProblemException.badRequest("the request body must be a JSON array of CloudEvents");
        }
        return tree;
    }

    private static String join(final String path, final String field) {
        if (path.isEmpty() || field.isEmpty()) {
            return path + field;
        }
        return field.startsWith("[") ? path + field : path + "." + field;
    }
}
