package dev.tollgate.planapi.store;

import dev.tollgate.http.metrics.KafkaMeters;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.topic.ClientConfigs;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the catalog topics so that a check made before a write (a code is free, an {@code If-Match}
 * is current) still holds when the write commits, on one instance or many.
 *
 * <p>Every plan-api instance uses the same {@code transactional.id}. Kafka lets one producer per
 * transactional id commit at a time: {@code initTransactions()} fences every earlier holder, whose
 * next send or commit then fails with {@link ProducerFencedException}. So a writer that initialised,
 * then caught its view up to the end of the topics, sees every committed catalog record until it is
 * fenced; a commit that succeeds proves nobody wrote in between. A fenced writer re-initialises
 * (fencing the other in turn), catches up, and decides again. Within an instance a lock serialises
 * writes, so the view a decision reads never changes under it.
 *
 * <p>No failure outlives its request: whatever goes wrong inside a transaction, the producer is
 * closed and the next write starts with a fresh one, whose {@code initTransactions()} aborts whatever
 * the old one left open. Records are serialised before a transaction begins, so a value that cannot
 * be written never opens one.
 */
final class CatalogWriter implements AutoCloseable {

    static final String CLIENT_ID = "tollgate-plan-api";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogWriter.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** Two instances writing at once take turns fencing each other; each turn is a real attempt. */
    private static final int MAX_ATTEMPTS = 10;

    private final Map<String, Object> config;
    private final Duration bound;
    private final CatalogView view;
    private final CatalogTailer tailer;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final KafkaMeters kafkaMeters;
    private final CatalogWriteCounts counts;
    private KafkaProducer<String, byte[]> producer;
    private KafkaMeters.Binding producerMeters;

    CatalogWriter(final Map<String, ?> kafkaClient, final String bootstrapServers, final String transactionalId,
                  final Duration bound, final CatalogView view, final CatalogTailer tailer,
                  final KafkaMeters kafkaMeters, final CatalogWriteCounts counts) {
        this.kafkaMeters = kafkaMeters;
        this.counts = counts;
        this.bound = bound;
        this.view = view;
        this.tailer = tailer;
        this.config = ClientConfigs.reliableProducer(kafkaClient, bootstrapServers, CLIENT_ID, bound);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // A writer that dies mid-transaction holds back read_committed readers until this passes.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
    }

    /**
     * Runs {@code decide} against an up-to-date view and commits the records it returns, all or none.
     * {@code decide} may throw a {@link ProblemException} (conflict, stale version, invalid) to write
     * nothing; it may run more than once when another instance wrote in between.
     *
     * @return the answer of the decision that was committed
     */
    <T> T write(final Supplier<CatalogDecision<T>> decide) {
        acquire();
        try {
            for (int attempt = 1; ; attempt++) {
                if (producer == null) {
                    takeOver();
                } else {
                    // Refusals (404, 412) read the view too: it must hold what other instances committed.
                    tailer.awaitLatest();
                }
                final CatalogDecision<T> decision = decide.get();
                if (decision.writes().isEmpty()) {
                    return decision.answer();
                }
                try {
                    commit(decision.writes());
                    counts.count(CatalogWriteCounts.Outcome.COMMITTED);
                    return decision.answer();
                } catch (FencedException e) {
                    counts.count(CatalogWriteCounts.Outcome.FENCED);
                    LOG.debug("catalog transaction aborted (fenced by another instance); deciding again", e);
                    if (attempt == MAX_ATTEMPTS) {
                        throw ProblemException.unavailable("too many concurrent catalog writes; try again",
                            RETRY_AFTER);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes over the transactional id ahead of the first write: the first {@code initTransactions()} on a
     * fresh cluster creates Kafka's transaction log, which can take longer than a request may wait.
     */
    void warmUp() {
        lock.lock();
        try {
            if (producer == null) {
                takeOver();
            }
        } catch (ProblemException e) {
            LOG.info("catalog writer not ready yet ({}); the first write will try again", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void acquire() {
        try {
            if (!lock.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ProblemException.unavailable("the catalog is busy with other writes", RETRY_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting to write", RETRY_AFTER);
        }
    }

    /** Becomes the one writer (fencing any other) and reads everything written before. */
    private void takeOver() {
        final KafkaProducer<String, byte[]> fresh = new KafkaProducer<>(config);
        try {
            fresh.initTransactions();
        } catch (KafkaException e) {
            fresh.close(Duration.ZERO);
            throw ProblemException.unavailable("Kafka did not start a catalog transaction: " + e.getMessage(),
                RETRY_AFTER);
        }
        producer = fresh;
        // Each fresh producer replaces the meters of the one it took over from, under the same client id.
        producerMeters = kafkaMeters.bind(new KafkaClientMetrics(fresh));
        tailer.awaitLatest();
    }

    private void commit(final List<CatalogWrite<?>> writes) {
        final List<ProducerRecord<String, byte[]>> records;
        try {
            records = writes.stream().<ProducerRecord<String, byte[]>>map(CatalogWriter::record).toList();
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("the catalog write cannot be serialised: " + e.getMessage(),
                RETRY_AFTER);
        }
        try {
            producer.beginTransaction();
            final List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (final ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.commitTransaction();
            for (int i = 0; i < writes.size(); i++) {
                remember(writes.get(i), sent.get(i).get(bound.toMillis(), TimeUnit.MILLISECONDS).offset());
            }
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            discardProducer();
            if (aborted(e)) {
                throw new FencedException(e);
            }
            counts.count(CatalogWriteCounts.Outcome.FAILED);
            throw ProblemException.unavailable("Kafka did not take the catalog write: " + e.getMessage(),
                RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            throw ProblemException.unavailable("interrupted while writing the catalog", RETRY_AFTER);
        }
    }

    /**
     * Whether the transaction certainly did not commit, so that deciding again is safe: another
     * instance fenced this producer (Kafka reports that as fencing, as a stale epoch, or, for a
     * transaction the coordinator already aborted for the new holder, as an invalid transaction
     * state), the transaction must be aborted, or the producer refused the call before sending it.
     */
    private static boolean aborted(final Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException
                || cause instanceof InvalidTxnStateException || cause instanceof TransactionAbortableException
                || cause instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }

    /** The transaction did not commit (mostly: another instance took over the transactional id first). */
    private static final class FencedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        FencedException(final Throwable cause) {
            super(cause);
        }
    }

    private static <V> ProducerRecord<String, byte[]> record(final CatalogWrite<V> write) {
        final byte[] bytes = write.topic().valueSerde().serializer().serialize(write.topic().name(), write.value());
        return new ProducerRecord<>(write.topic().name(), write.key(), bytes);
    }

    private <V> void remember(final CatalogWrite<V> write, final long offset) {
        view.put(write.topic(), write.key(), write.value(), offset);
    }

    /**
     * After a failure the producer's state is unknown (an abort may itself fail): start over with a new
     * one, whose initialisation aborts whatever this one left open.
     */
    private void discardProducer() {
        closeProducer(Duration.ZERO);
    }

    private void closeProducer(final Duration timeout) {
        if (producer != null) {
            producerMeters.close();
            producer.close(timeout);
            producer = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeProducer(bound);
        } finally {
            lock.unlock();
        }
    }
}
