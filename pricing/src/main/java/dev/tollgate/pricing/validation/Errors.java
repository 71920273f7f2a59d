package dev.tollgate.pricing.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a whole input is checked, then fails once with all of them. */
public final class Errors {

    private final List<FieldError> found = new ArrayList<>();

    public void add(String field, String message) {
        found.add(new FieldError(field, message));
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidPricingException(found);
        }
    }
}
