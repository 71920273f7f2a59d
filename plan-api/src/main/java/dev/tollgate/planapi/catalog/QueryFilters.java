package dev.tollgate.planapi.catalog;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.pricing.validation.FieldError;
import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of a listing. A filter that is misspelt, repeated or empty would otherwise be
 * ignored and answer the unfiltered list, which a client cannot tell from a filtered one; so each is a
 * 422 naming the parameter.
 */
public final class QueryFilters {

    private QueryFilters() {
    }

    /** The filters given, by name, after refusing any parameter not in {@code known}. */
    public static Map<String, String> read(final HttpRequest<?> request, final List<String> known) {
        final List<FieldError> errors = new ArrayList<>();
        final Map<String, String> filters = new HashMap<>();
        for (final String name : request.getParameters().names()) {
            final List<String> values = request.getParameters().getAll(name);
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a query parameter of GET " + request.getPath()
                    + "; expected " + String.join(" or ", known)));
            } else if (values.size() != 1) {
                errors.add(new FieldError(name, "must be given once"));
            } else if (values.get(0).isBlank()) {
                errors.add(new FieldError(name, "must not be empty"));
            } else {
                filters.put(name, values.get(0));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return filters;
    }
}
