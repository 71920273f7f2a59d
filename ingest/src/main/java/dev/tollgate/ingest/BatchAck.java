package dev.tollgate.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Completes once the broker acknowledged every record of one request, or at the first failure, so
 * that the request waits once for the whole batch instead of once per record.
 */
final class BatchAck implements Callback {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger pending;

    BatchAck(final int records) {
        this.pending = new AtomicInteger(records);
        if (records == 0) {
            done.complete(null);
        }
    }

    CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void onCompletion(final RecordMetadata metadata, final Exception exception) {
        if (exception != null) {
            done.completeExceptionally(exception);
        } else if (pending.decrementAndGet() == 0) {
            done.complete(null);
        }
    }
}
