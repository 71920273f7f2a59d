package dev.tollgate.rater.query;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.pricing.validation.FieldError;
import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The group an entitlement question is about, {@code ?group[region]=eu&group[agent]=a7}: the values of a
 * grouped charge's pricing_group_keys, as an event of that group carries them. A parameter that is
 * misspelt, repeated or empty would otherwise answer for all groups, which a caller cannot tell from the
 * answer for one; so each is a 422 naming the parameter.
 *
 * @param values the value of each key given, in the order given; empty when no group is asked for
 */
public record GroupSelection(Map<String, String> values) {

    public static final GroupSelection NONE = new GroupSelection(Map.of());
    static final String PREFIX = "group[";

    public GroupSelection {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The selection of the request's query, after refusing any parameter that is not one well-formed group[key]. */
    public static GroupSelection of(final HttpRequest<?> request) {
        final List<FieldError> errors = new ArrayList<>();
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String name : request.getParameters().names()) {
            final List<String> given = request.getParameters().getAll(name);
            if (!name.startsWith(PREFIX) || !name.endsWith("]") || name.length() == PREFIX.length() + 1) {
                errors.add(new FieldError(name, "is not a query parameter of GET " + request.getPath()
                    + "; expected group[key]=value for each of a grouped charge's pricing_group_keys"));
            } else if (given.size() != 1) {
                errors.add(new FieldError(name, "must be given once"));
            } else if (given.get(0).isEmpty()) {
                errors.add(new FieldError(name, "must not be empty"));
            } else {
                values.put(name.substring(PREFIX.length(), name.length() - 1), given.get(0));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new GroupSelection(values);
    }

    /** The query parameter that gives {@code key}. */
    static String parameter(final String key) {
        return PREFIX + key + "]";
    }
}
