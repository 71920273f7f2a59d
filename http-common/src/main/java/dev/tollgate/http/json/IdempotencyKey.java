package dev.tollgate.http.json;

import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.JsonFields;

/**
 * The idempotency key of a request that must take effect once however often it is sent: the body's
 * {@code id} or an {@value #HEADER} header, which must agree when both are sent.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKey() {
    }

    /**
     * The key, or null with the reason added to {@code fields}' errors.
     *
     * @param what the request, as the messages name it ("refund", "re-rate")
     * @param effect what it does, which a retry without a key would do again ("refund", "adjust")
     */
    public static String read(final JsonFields fields, final String header, final String what, final String effect) {
        final String headerProblem = header == null ? null : UsageEventReader.identifierProblem(header);
        if (headerProblem != null) {
            fields.error(HEADER, headerProblem);
            return null;
        }
        if (!fields.has("id")) {
            if (header == null) {
                fields.error("id", "is required, or an " + HEADER + " header: the key makes a retried request "
                    + effect + " once, where a request without one would " + effect + " again");
            }
            return header;
        }
        final String id = fields.identifier("id");
        if (id != null && header != null && !id.equals(header)) {
            fields.error("id", "differs from the " + HEADER + " header; send the " + what + "'s key once, or the"
                + " same key in both");
            return null;
        }
        return id;
    }
}
