package dev.tollgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.model.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

/**
 * One kind of event a simulated producer sends. Each property is a literal, a list to pick one value
 * from, or {@code {"min": a, "max": b}} for a whole number between the two, both included.
 */
record EventTemplate(String type, JsonNode properties) {

    EventTemplate {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an event template needs a type");
        }
        if (properties == null || !properties.isObject()) {
            throw new IllegalArgumentException("event template " + type + ": properties must be an object");
        }
    }

    /** The properties of one event, drawn with {@code random}. */
    ObjectNode draw(final Random random) {
        final ObjectNode drawn = Json.mapper().createObjectNode();
        for (final Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
            final Map.Entry<String, JsonNode> field = fields.next();
            drawn.set(field.getKey(), value(field.getValue(), random));
        }
        return drawn;
    }

    private static JsonNode value(final JsonNode spec, final Random random) {
        if (spec.isArray()) {
            return spec.get(random.nextInt(spec.size()));
        }
        if (spec.isObject() && spec.has("min") && spec.has("max")) {
            final long min = spec.get("min").asLong();
            final long max = spec.get("max").asLong();
            return Json.mapper().getNodeFactory().numberNode(min + (long) (random.nextDouble() * (max - min + 1)));
        }
        return spec;
    }
}
