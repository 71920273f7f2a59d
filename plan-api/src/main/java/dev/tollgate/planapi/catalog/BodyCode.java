package dev.tollgate.planapi.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.pricing.validation.FieldError;
import java.util.List;

/** The rule every {@code PUT /v1/<things>/{code}} shares: the path names the thing; the body may repeat it. */
public final class BodyCode {

    private BodyCode() {
    }

    public static void mustMatchPath(final JsonNode body, final String code) {
        if (body.hasNonNull("code") && !code.equals(body.get("code").asText())) {
            throw ProblemException.invalid(List.of(new FieldError("code",
                "must be " + code + ", the code in the path, or absent")));
        }
    }
}
