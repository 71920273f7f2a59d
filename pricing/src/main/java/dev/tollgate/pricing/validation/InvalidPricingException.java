package dev.tollgate.pricing.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Pricing input that cannot be used. It carries every error found, not just the first, so a billing engineer
 * can fix a plan in one round trip.
 */
public class InvalidPricingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    public InvalidPricingException(List<FieldError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidPricingException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public static InvalidPricingException of(String field, String message) {
        return new InvalidPricingException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
