package dev.tollgate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

/**
 * {@code GET /v1/customers/{id}/entitlements/voice_seconds} for one customer after another, {@value #PER_SECOND}
 * a second on one connection, while other load runs. A query's latency is its own round trip, from send to the
 * whole answer; the pacing keeps the probe itself from being a load.
 */
final class EntitlementProbe {

    static final int PER_SECOND = 100;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /** @param failures queries answered otherwise than 200, or not answered */
    record Result(LatencySummary latency, long failures) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String key;
    private final int customers;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "bench-entitlement-probe");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Result> running;

    EntitlementProbe(final PipelineServer server, final int customers) {
        this.baseUrl = server.baseUrl();
        this.key = server.ingestKey();
        this.customers = customers;
    }

    /** Waits until the rater answers a query (RUNNING, its tasks assigned): before that it answers 503. */
    void awaitAnswers() throws InterruptedException {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (status(0) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rater at " + baseUrl + " answered no query in " + READY_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    void start() {
        running = runner.submit(this::query);
    }

    Result stop() throws InterruptedException, ExecutionException {
        stopped.set(true);
        try {
            return running.get();
        } finally {
            runner.shutdown();
        }
    }

    private Result query() throws InterruptedException {
        final LongStream.Builder latencies = LongStream.builder();
        long failures = 0;
        final long interval = 1_000_000_000L / PER_SECOND;
        long due = System.nanoTime();
        for (int n = 0; !stopped.get(); n++) {
            LockSupport.parkNanos(due - System.nanoTime());
            due += interval;
            final long sent = System.nanoTime();
            if (status(n) == 200) {
                latencies.add(System.nanoTime() - sent);
            } else {
                failures++;
            }
        }
        return new Result(LatencySummary.ofNanos(latencies.build().toArray()), failures);
    }

    private int status(final int n) throws InterruptedException {
        final String customer = Workload.customer((int) ((n * 7_919L) % customers));
        final HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/customers/" + customer
                + "/entitlements/" + CallEvents.METER))
            .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + key).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
