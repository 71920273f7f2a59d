package dev.tollgate.rater.errors;

import dev.tollgate.model.topic.SkippedRecords;
import dev.tollgate.model.topic.Topic;
import dev.tollgate.model.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rater's three Kafka Streams error paths, decided per input topic.
 *
 * <ul>
 *   <li>Catalog and request topics ({@link #SKIPPABLE}): a record that cannot be read or applied is
 *   skipped, counted in {@link SkippedRecords} and logged once with its offset. One such record must
 *   not stop rating for every customer, and skipping it keeps the previous value of its key.</li>
 *   <li>Usage: {@code tollgate.usage-events} is read as bytes and judged by the intake, which turns
 *   bad input into rejections, so no record of it reaches these handlers on a healthy path. Anything
 *   else that fails there (and a failure in a punctuation, which has no input topic) fails the task:
 *   dropping a usage record would lose billable usage silently, and failing aborts the transaction so
 *   the record is read again.</li>
 *   <li>Writes fail the task, whatever the topic: under exactly-once, continuing would commit the
 *   input without its output (a rated record, a statement, a rejection).</li>
 * </ul>
 * A task that fails is retried by a replaced thread; a thread that keeps failing stops the client
 * (the streams client then goes to ERROR, which the process that runs it acts on).
 */
public final class RaterErrorHandlers {

    /** Streams config key under which the rater passes its {@link SkippedRecords} to the handlers. */
    public static final String SKIPPED_RECORDS_CONFIG = "tollgate.skipped-records";

    /**
     * Topics whose unreadable or inapplicable records are skipped. A request or a kept event that no
     * retry can read would otherwise stop its task for good.
     */
    public static final Set<String> SKIPPABLE = List.of(Topics.PLANS, Topics.METERS, Topics.SUBSCRIPTIONS,
        Topics.COUPONS, Topics.ADDONS, Topics.REFUND_REQUESTS, Topics.RERATE_REQUESTS, Topics.ACCEPTED_EVENTS)
        .stream().map(Topic::name)
        .collect(Collectors.toUnmodifiableSet());

    private static final Logger LOG = LoggerFactory.getLogger(RaterErrorHandlers.class);

    private RaterErrorHandlers() {
    }

    /** Sets the three handlers on {@code config}, reporting skips to {@code skipped}. */
    public static void configure(final Properties config, final SkippedRecords skipped) {
        config.put(SKIPPED_RECORDS_CONFIG, skipped);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipCatalogRecords.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipCatalogProcessing.class);
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, FailOnWriteError.class);
    }

    /** The {@link SkippedRecords} of a streams config; a config without one gets a fresh counter. */
    public static SkippedRecords skippedRecords(final Map<?, ?> config) {
        final Object skipped = config.get(SKIPPED_RECORDS_CONFIG);
        return skipped instanceof SkippedRecords given ? given : new SkippedRecords("rater");
    }

    /**
     * {@code deserialization.exception.handler}. Stream threads call it for a source record they
     * cannot decode; the global thread calls it too, when it applies a record of a global table and
     * when it restores one, and a FAIL there stops the whole client (a global thread cannot be
     * replaced), so CONTINUE is the only safe answer for catalog topics.
     */
    public static final class SkipCatalogRecords implements DeserializationExceptionHandler {

        private SkippedRecords skipped;

        @Override
        public void configure(final Map<String, ?> configs) {
            skipped = skippedRecords(configs);
        }

        @Override
        public DeserializationHandlerResponse handle(final ErrorHandlerContext context,
                                                     final ConsumerRecord<byte[], byte[]> record,
                                                     final Exception exception) {
            if (!SKIPPABLE.contains(record.topic())) {
                LOG.error("cannot read a record of {} at partition {} offset {}; failing the task", record.topic(),
                    record.partition(), record.offset(), exception);
                return DeserializationHandlerResponse.FAIL;
            }
            skipped.skip(record.topic(), record.partition(), record.offset(), reason(exception), exception);
            return DeserializationHandlerResponse.CONTINUE;
        }

        private static SkippedRecords.Reason reason(final Exception exception) {
            return exception instanceof SkippedRecords.InvalidRecordException ? SkippedRecords.Reason.INVALID
                : SkippedRecords.Reason.UNREADABLE;
        }
    }

    /**
     * {@code processing.exception.handler}: an exception thrown by a processor of a stream thread
     * (subscription indexing, refund decisions, rating) or by a punctuation. Kafka 4.1 does not call
     * it on the global thread; the global tables only store what their deserializer accepted.
     */
    public static final class SkipCatalogProcessing implements ProcessingExceptionHandler {

        private SkippedRecords skipped;

        @Override
        public void configure(final Map<String, ?> configs) {
            skipped = skippedRecords(configs);
        }

        @Override
        public ProcessingHandlerResponse handle(final ErrorHandlerContext context, final Record<?, ?> record,
                                                final Exception exception) {
            final String topic = context.topic();
            if (topic == null || !SKIPPABLE.contains(topic)) {
                LOG.error("processor {} failed on a record of {} at partition {} offset {}; failing the task",
                    context.processorNodeId(), topic, context.partition(), context.offset(), exception);
                return ProcessingHandlerResponse.FAIL;
            }
            skipped.skip(topic, context.partition(), context.offset(), SkippedRecords.Reason.FAILED, exception);
            return ProcessingHandlerResponse.CONTINUE;
        }
    }

    /** {@code production.exception.handler}: a write the broker refused, or a value that cannot be serialised. */
    public static final class FailOnWriteError implements ProductionExceptionHandler {

        @Override
        public void configure(final Map<String, ?> configs) {
        }

        @Override
        public ProductionExceptionHandlerResponse handle(final ErrorHandlerContext context,
                                                         final ProducerRecord<byte[], byte[]> record,
                                                         final Exception exception) {
            LOG.error("cannot write to {} the output of {} partition {} offset {}; failing the task", record.topic(),
                context.topic(), context.partition(), context.offset(), exception);
            return ProductionExceptionHandlerResponse.FAIL;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public ProductionExceptionHandlerResponse handleSerializationException(
                final ErrorHandlerContext context, final ProducerRecord record, final Exception exception,
                final SerializationExceptionOrigin origin) {
            LOG.error("cannot serialise the {} of a record for {} from {} partition {} offset {}; failing the task",
                origin, record.topic(), context.topic(), context.partition(), context.offset(), exception);
            return ProductionExceptionHandlerResponse.FAIL;
        }
    }
}
