package dev.tollgate.planapi.catalog;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;

/**
 * The size a catalog record may reach. Some records grow with every write (a plan keeps all its
 * versions, a customer all its subscriptions), so a body that is small on its own can still make a
 * record the broker refuses; such a write is answered here, before anything is sent.
 */
public final class RecordBudget {

    /** Below the producer's and broker's default of 1 MiB per record, with room for the batch overhead. */
    public static final int MAX_BYTES = 900_000;

    private RecordBudget() {
    }

    /**
     * @param what the record, as the answer names it ("plan basic")
     * @param remedy what the caller can do instead
     */
    public static void mustFit(final Object record, final String what, final String remedy) {
        final int bytes = Json.write(record).length;
        if (bytes > MAX_BYTES) {
            throw ProblemException.conflict(what + " would take " + bytes + " bytes with this change, more than the "
                + MAX_BYTES + " one record may hold; " + remedy);
        }
    }
}
