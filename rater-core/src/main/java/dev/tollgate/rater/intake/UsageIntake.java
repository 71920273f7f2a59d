package dev.tollgate.rater.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageRejection;
import java.time.Instant;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads one raw record of {@code tollgate.usage-events} (key: whatever the producer chose; value:
 * bytes that should be a UsageEvent) into an {@link Intake}: an event keyed by its customer_id, or a
 * rejection with a reason.
 *
 * <p>Producers built on librdkafka hash keys with CRC32, not murmur2, so a customer's event may sit
 * on any partition. Only such misplaced records are flagged; the rest are rated where they are.
 */
public final class UsageIntake {

    private final int customerPartitions;
    private final StringSerializer keySerializer = new StringSerializer();

    public UsageIntake(final int customerPartitions) {
        this.customerPartitions = customerPartitions;
    }

    /** @param partition the partition the record was read from */
    public Intake read(final String key, final byte[] value, final long timestamp, final int partition) {
        final Instant receivedAt = Instant.ofEpochMilli(timestamp);
        if (value == null) {
            return reject(key, value, null, "record has no value", null, receivedAt);
        }
        final JsonNode tree;
        try {
            tree = Json.tree(value);
        } catch (JsonProcessingException e) {
            return reject(key, value, null, "value is not JSON: " + e.getOriginalMessage(), null, receivedAt);
        }
        final UsageEventReader.Result result = UsageEventReader.read(tree, receivedAt);
        if (!result.valid()) {
            final JsonNode claimed = tree == null ? null : tree.get("customer_id");
            final String customerId = claimed != null && claimed.isTextual() && isIdentifier(claimed.textValue())
                ? claimed.textValue() : null;
            return reject(key, value, customerId, describe(result), tree, receivedAt);
        }
        final String customerId = result.event().customerId();
        return new Intake.Accepted(result.event(), partition != partitionOf(customerId));
    }

    private int partitionOf(final String customerId) {
        return Utils.toPositive(Utils.murmur2(keySerializer.serialize(null, customerId))) % customerPartitions;
    }

    /**
     * The rejection is keyed by the event's customer_id when it is a valid one, else by the record's key
     * when that could be one, else by none: a key of megabytes would make a record the topic refuses.
     */
    private static Intake reject(final String recordKey, final byte[] value, final String customerId,
                                 final String detail, final JsonNode event, final Instant receivedAt) {
        final JsonNode id = event == null ? null : event.get("id");
        final String eventId = id != null && id.isTextual() ? id.textValue() : null;
        final String key = customerId != null ? customerId : isIdentifier(recordKey) ? recordKey : null;
        return new Intake.Rejected(key, UsageRejection.ofRecord(key, eventId, RejectionReason.INVALID, detail, event,
            value, receivedAt));
    }

    private static boolean isIdentifier(final String text) {
        return text != null && UsageEventReader.identifierProblem(text) == null;
    }

    private static String describe(final UsageEventReader.Result result) {
        return result.errors().stream()
            .map(error -> error.field() + " " + error.message())
            .collect(Collectors.joining("; "));
    }
}
