package dev.tollgate.http.problem;

import dev.tollgate.pricing.validation.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer ({@code application/problem+json}).
 *
 * @param errors for validation problems, every field at fault with what is wrong with it
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        type = type == null ? "about:blank" : type;
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }
}
