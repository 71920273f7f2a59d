package dev.tollgate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a CloudEvent (JSON format, spec 1.0) onto a usage event: {@code id} and {@code type} as they
 * are, {@code subject} to customer_id, {@code time} to timestamp, {@code data} to properties.
 * Errors found in the mapped event are named by their CloudEvents attribute, since that is what the
 * producer sent. Extension attributes are allowed by the spec and ignored.
 */
final class CloudEvents {

    static final String SPEC_VERSION = "1.0";
    static final int MAX_SOURCE_LENGTH = 1024;

    /** Usage event field to the CloudEvents attribute it came from. */
    private static final Map<String, String> ATTRIBUTE_OF = Map.of(
        "id", "id",
        "type", "type",
        "customer_id", "subject",
        "timestamp", "time",
        "properties", "data");

    private CloudEvents() {
    }

    /** The usage event's JSON out of a CloudEvent object; problems of the envelope itself go to {@code errors}. */
    static ObjectNode toUsageEvent(final JsonNode cloudEvent, final List<FieldError> errors) {
        final ObjectNode event = Json.mapper().createObjectNode();
        checkEnvelope(cloudEvent, errors);
        ATTRIBUTE_OF.forEach((field, attribute) -> {
            final JsonNode value = cloudEvent.get(attribute);
            if (value != null) {
                event.set(field, value);
            }
        });
        return event;
    }

    /** Names a usage event's error by its CloudEvents attribute: {@code properties.seconds} is {@code data.seconds}. */
    static FieldError asAttributeError(final FieldError error) {
        final String field = error.field();
        for (final Map.Entry<String, String> entry : ATTRIBUTE_OF.entrySet()) {
            final String name = entry.getKey();
            if (field.equals(name) || field.startsWith(name + ".") || field.startsWith(name + "[")) {
                return new FieldError(entry.getValue() + field.substring(name.length()), error.message());
            }
        }
        return error;
    }

    private static void checkEnvelope(final JsonNode cloudEvent, final List<FieldError> errors) {
        final JsonNode version = cloudEvent.get("specversion");
        if (version == null || version.isNull()) {
            errors.add(new FieldError("specversion", "is required"));
        } else if (!version.isTextual() || !SPEC_VERSION.equals(version.textValue())) {
            errors.add(new FieldError("specversion", "must be \"" + SPEC_VERSION + "\""));
        }
        final JsonNode source = cloudEvent.get("source");
        if (source == null || source.isNull()) {
            errors.add(new FieldError("source", "is required"));
        } else if (!source.isTextual() || source.textValue().isBlank()
            || source.textValue().length() > MAX_SOURCE_LENGTH) {
            errors.add(new FieldError("source", "must be a URI-reference of 1 to " + MAX_SOURCE_LENGTH
                + " characters"));
        }
        final JsonNode contentType = cloudEvent.get("datacontenttype");
        if (contentType != null && !contentType.isNull() && !isJson(contentType)) {
            errors.add(new FieldError("datacontenttype", "must be application/json: data is read as the usage "
                + "event's properties"));
        }
        if (cloudEvent.has("data_base64")) {
            errors.add(new FieldError("data_base64", "is not accepted; send data as a JSON object"));
        }
    }

    private static boolean isJson(final JsonNode contentType) {
        if (!contentType.isTextual()) {
            return false;
        }
        final String essence = contentType.textValue().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return essence.equals("application/json") || essence.endsWith("+json");
    }
}
