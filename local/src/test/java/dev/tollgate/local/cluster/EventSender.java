package dev.tollgate.local.cluster;

import dev.tollgate.testkit.TestHttp;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer as the docs tell one to be: it posts batches of events with fixed ids and, when a batch
 * is not acknowledged (a 503, a connection refused or cut, a timeout), sends the very same batch again
 * until it is, so that every event it counts as sent was accepted at least once.
 *
 * <p>Event {@code i} of batch {@code b} has the id {@code <prefix>b-i} and belongs to customer
 * {@code c<i % customers>}.
 */
final class EventSender {

    private final TestHttp ingest;
    private final String key;
    private final String prefix;
    private final int customers;
    private final int batchSize;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger unreachable = new AtomicInteger();
    private final List<String> unexpected = new ArrayList<>();

    EventSender(final TestHttp ingest, final String key, final String prefix, final int customers, final int batchSize) {
        this.ingest = ingest;
        this.key = key;
        this.prefix = prefix;
        this.customers = customers;
        this.batchSize = batchSize;
    }

    /** Sends batch {@code batch} until it is acknowledged with 202. */
    void send(final int batch) throws InterruptedException {
        final String body = batch(batch);
        while (true) {
            final TestHttp.Answer answer;
            try {
                answer = ingest.post("/v1/events/batch", key, body);
            } catch (UncheckedIOException | IllegalStateException e) {
                unreachable.incrementAndGet();
                Thread.sleep(500);
                continue;
            }
            if (answer.status() == 202) {
                acknowledged.incrementAndGet();
                return;
            }
            if (answer.status() == 503 && answer.header("Retry-After").isPresent()) {
                unavailable.incrementAndGet();
                Thread.sleep(Math.min(2_000, 1_000L * Integer.parseInt(answer.header("Retry-After").get())));
                continue;
            }
            synchronized (unexpected) {
                unexpected.add(answer.status() + " " + answer.body());
            }
            Thread.sleep(500);
        }
    }

    /** Events of customer {@code c<customer>} in {@code batches} batches. */
    int eventsOf(final int customer, final int batches) {
        return batches * (batchSize / customers + (customer < batchSize % customers ? 1 : 0));
    }

    int acknowledgedBatches() {
        return acknowledged.get();
    }

    /** Answers 503 with Retry-After: ingest could not reach the in-sync replicas in time. */
    int unavailableAnswers() {
        return unavailable.get();
    }

    /** Requests that got no answer at all: the process was down or the connection was cut. */
    int unreachableRequests() {
        return unreachable.get();
    }

    /** Answers other than 202 and 503 with Retry-After, which no failure of Kafka should cause. */
    List<String> unexpectedAnswers() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }

    private String batch(final int batch) {
        final StringBuilder events = new StringBuilder("{\"events\":[");
        for (int i = 0; i < batchSize; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append(batch).append('-').append(i)
                .append("\",\"type\":\"call\",\"customer_id\":\"c").append(i % customers).append("\"}");
        }
        return events.append("]}").toString();
    }
}
