package dev.tollgate.pricing.validation;

import java.util.Objects;

/**
 * One problem found in pricing input, addressed by a JSON-style path such as
 * {@code properties.graduated_ranges[1].from_value} so that the caller can point at the offending value.
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
