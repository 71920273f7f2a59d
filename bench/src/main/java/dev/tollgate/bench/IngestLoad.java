package dev.tollgate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@value #CONNECTIONS} clients, each on a keep-alive connection of its own, posting batches of {@value #BATCH}
 * events to {@code POST /v1/events/batch} as fast as ingest answers. Counting starts with
 * {@link #startCounting()}, so that the server's warm-up can be left out.
 */
final class IngestLoad {

    static final int CONNECTIONS = 32;
    static final int BATCH = 100;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param failures requests answered otherwise than 202 (ingest's 503 when Kafka or its write limit pushes back),
     *                 or not answered
     */
    record Result(long events, long requests, long failures, Duration elapsed) {

        double eventsPerSecond() {
            return events * 1e9 / Math.max(1, elapsed.toNanos());
        }
    }

    private final URI uri;
    private final String key;
    private final int customers;
    private final String timestamp = Instant.now().toString();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean counting = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS, runnable -> {
        final Thread thread = new Thread(runnable, "bench-ingest-client");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<?>> running = new ArrayList<>();
    private long countingFrom;

    IngestLoad(final PipelineServer server, final int customers) {
        this.uri = URI.create(server.baseUrl() + "/v1/events/batch");
        this.key = server.ingestKey();
        this.customers = customers;
    }

    void start() {
        for (int i = 0; i < CONNECTIONS; i++) {
            running.add(clients.submit(this::post));
        }
    }

    void startCounting() {
        countingFrom = System.nanoTime();
        counting.set(true);
    }

    /** Events answered 202 since the start, warm-up included: for the progress line. */
    long accepted() {
        return accepted.get();
    }

    Result stop() throws InterruptedException, ExecutionException {
        counting.set(false);
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - countingFrom);
        final Result result = new Result(events.get(), requests.get(), failures.get(), elapsed);
        stopped.set(true);
        for (final Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return result;
    }

    /** One client: its own HttpClient keeps its requests on one connection. */
    private Void post() throws InterruptedException {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        while (!stopped.get()) {
            final HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(batches.getAndIncrement()))).build();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            }
            if (status == 202) {
                accepted.addAndGet(BATCH);
            }
            if (counting.get()) {
                requests.incrementAndGet();
                if (status == 202) {
                    events.addAndGet(BATCH);
                } else {
                    failures.incrementAndGet();
                }
            }
        }
        return null;
    }

    /** Batch {@code n}: {@value #BATCH} events of as many customers, each id used once. */
    private String body(final long n) {
        final StringBuilder body = new StringBuilder(BATCH * 260).append("{\"events\":[");
        for (int i = 0; i < BATCH; i++) {
            final long event = n * BATCH + i;
            if (i > 0) {
                body.append(',');
            }
            body.append(CallEvents.json("http-" + event, Workload.customer((int) (event % customers)), timestamp,
                event, CallEvents.trunk(event % 64)));
        }
        return body.append("]}").toString();
    }
}
