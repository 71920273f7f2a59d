package dev.tollgate.model.topic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of the catalog and request topics that a reader could not read or apply, and so skipped:
 * counted per topic and reason (served as {@code tollgate_records_skipped_total{topic,component,reason}}),
 * and logged once each with the topic, partition and offset, so that an operator can find the record.
 * A skipped record changes nothing: the reader keeps what it held for that key before.
 */
public final class SkippedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedRecords.class);

    /** Why a record was skipped. */
    public enum Reason {
        /** Its bytes are not the topic's value type (not JSON, a wrong shape, a number past Jackson's limits). */
        UNREADABLE,
        /** It decodes, but breaks a rule every record of the topic keeps (a missing field, a decimal past the bound). */
        INVALID,
        /** Applying it failed. */
        FAILED;

        /** The value of the metric's {@code reason} tag. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A value that decodes but breaks a rule of its topic: skipped as {@link Reason#INVALID}. */
    public static final class InvalidRecordException extends SerializationException {

        private static final long serialVersionUID = 1L;

        public InvalidRecordException(final String message) {
            super(message);
        }
    }

    private final String component;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** @param component who skips: {@code rater} or {@code plan-api}, the metric's {@code component} tag */
    public SkippedRecords(final String component) {
        this.component = component;
    }

    public String component() {
        return component;
    }

    /** Counts and logs one record skipped at {@code topic}-{@code partition}@{@code offset}. */
    public void skip(final String topic, final int partition, final long offset, final Reason reason,
                     final Throwable cause) {
        counter(topic, reason).increment();
        LOG.warn("{} skipped a record of {} at partition {} offset {} ({}): {}", component, topic, partition, offset,
            reason.tag(), describe(cause));
    }

    /**
     * Counts and logs one stored value that cannot be read: Kafka Streams restores tables from their
     * source topics byte for byte, so a record skipped when it arrived can reach a store on restore.
     * The caller logs each distinct value once; it reads as absent.
     */
    public void skipStored(final String topic, final Reason reason, final Throwable cause) {
        counter(topic, reason).increment();
        LOG.warn("{} ignores a stored value of {} restored from the topic ({}): {}", component, topic, reason.tag(),
            describe(cause));
    }

    /** How many records of {@code topic} were skipped for {@code reason}. */
    public long count(final String topic, final Reason reason) {
        final LongAdder counter = counts.get(key(topic, reason));
        return counter == null ? 0 : counter.sum();
    }

    private LongAdder counter(final String topic, final Reason reason) {
        return counts.computeIfAbsent(key(topic, reason), k -> new LongAdder());
    }

    private static String key(final String topic, final Reason reason) {
        return topic + '\u001f' + reason.name();
    }

    /** The exception chain's messages, bounded: a message may echo a huge input. */
    private static String describe(final Throwable cause) {
        final StringBuilder text = new StringBuilder();
        for (Throwable c = cause; c != null && text.length() < 500; c = c.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text.toString();
    }
}
