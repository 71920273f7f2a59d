package dev.tollgate.http.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

/**
 * Request and response bodies in Tollgate's own JSON mapping. Controllers take raw bytes so that a
 * malformed body is a 400 problem from us, and a wrong type a 422 with the field named, rather than
 * whatever the framework's binder says.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonNode parseObject(final byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; a JSON object is expected");
        }
        final JsonNode tree;
        try {
            tree = Json.tree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        return tree;
    }

    public static HttpResponse<String> ok(final Object body) {
        return respond(HttpStatus.OK, body);
    }

    public static HttpResponse<String> created(final Object body) {
        return respond(HttpStatus.CREATED, body);
    }

    public static HttpResponse<String> respond(final HttpStatus status, final Object body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(Json.writeString(body));
    }
}
