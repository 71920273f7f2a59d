package dev.tollgate.rater.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.event.UsageEventReader;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.rating.RejectionReason;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.rater.rating.RatingCounts;
import java.time.Instant;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads raw records of {@code tollgate.usage-events} (key: whatever the producer chose; value: bytes
 * that should be a UsageEvent) and forwards an {@link Intake} keyed by the event's customer_id.
 *
 * <p>Producers built on librdkafka hash keys with CRC32, not murmur2, so a customer's event may sit
 * on any partition. Only such misplaced records are flagged for the repartition hop; the rest stay
 * where they are and cost no extra write.
 */
public final class UsageIntakeProcessor implements Processor<String, byte[], String, Intake> {

    private final int customerPartitions;
    private final RatingCounts counts;
    private final StringSerializer keySerializer = new StringSerializer();
    private ProcessorContext<String, Intake> context;

    public UsageIntakeProcessor(final int customerPartitions, final RatingCounts counts) {
        this.customerPartitions = customerPartitions;
        this.counts = counts;
    }

    @Override
    public void init(final ProcessorContext<String, Intake> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        counts.read();
        final Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
        if (record.value() == null) {
            reject(record, null, RejectionReason.INVALID, "record has no value", null, receivedAt);
            return;
        }
        final JsonNode tree;
        try {
            tree = Json.tree(record.value());
        } catch (JsonProcessingException e) {
            reject(record, null, RejectionReason.INVALID, "value is not JSON: " + e.getOriginalMessage(), null,
                receivedAt);
            return;
        }
        final UsageEventReader.Result result = UsageEventReader.read(tree, receivedAt);
        if (!result.valid()) {
            final JsonNode claimed = tree == null ? null : tree.get("customer_id");
            final String customerId = claimed != null && claimed.isTextual() && isIdentifier(claimed.textValue())
                ? claimed.textValue() : null;
            reject(record, customerId, RejectionReason.INVALID, describe(result), tree, receivedAt);
            return;
        }
        final String customerId = result.event().customerId();
        context.forward(record.withKey(customerId).withHeaders(new RecordHeaders())
            .withValue(new Intake.Accepted(result.event(), isMisplaced(customerId))));
    }

    private boolean isMisplaced(final String customerId) {
        final int actual = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        final byte[] keyBytes = keySerializer.serialize(null, customerId);
        return actual != Utils.toPositive(Utils.murmur2(keyBytes)) % customerPartitions;
    }

    /**
     * The rejection is keyed by the event's customer_id when it is a valid one, else by the record's key
     * when that could be one, else by none: a key of megabytes would make a record the topic refuses.
     * The producer's headers are not carried over for the same reason.
     */
    private void reject(final Record<String, byte[]> record, final String customerId, final RejectionReason reason,
                        final String detail, final JsonNode event, final Instant receivedAt) {
        counts.rejected(reason);
        final JsonNode id = event == null ? null : event.get("id");
        final String eventId = id != null && id.isTextual() ? id.textValue() : null;
        final String key = customerId != null ? customerId : isIdentifier(record.key()) ? record.key() : null;
        context.forward(record.withKey(key).withHeaders(new RecordHeaders()).withValue(new Intake.Rejected(
            UsageRejection.ofRecord(key, eventId, reason, detail, event, record.value(), receivedAt))));
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
