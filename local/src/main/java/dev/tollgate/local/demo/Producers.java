package dev.tollgate.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.model.json.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The simulated producers: every tick, one event per seed customer in one batch through the ingest
 * API, each drawn from the customer's event templates, until the time is up.
 */
final class Producers {

    private static final Duration TICK = Duration.ofMillis(100);

    private final DemoClient client;
    private final List<DemoSeed> seeds;
    private final PrintStream out;
    /** Fixed, so that two runs of the same length send about the same usage. */
    private final Random random = new Random(2026);

    Producers(final DemoClient client, final List<DemoSeed> seeds, final PrintStream out) {
        this.client = client;
        this.seeds = seeds;
        this.out = out;
    }

    /** Sends for {@code seconds} with a progress bar; answers how many events ingest accepted. */
    long run(final int seconds) throws InterruptedException {
        final long start = System.nanoTime();
        final long end = start + Duration.ofSeconds(seconds).toNanos();
        long sent = 0;
        for (long tick = 0; System.nanoTime() < end; tick++) {
            client.sendBatch(batch(tick));
            sent += seeds.size();
            out.print(ProgressBar.render((System.nanoTime() - start) / 1e9, seconds, sent));
            out.flush();
            final long next = start + (tick + 1) * TICK.toNanos();
            final long wait = Math.min(next, end) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        out.println(ProgressBar.render(seconds, seconds, sent));
        return sent;
    }

    private ObjectNode batch(final long tick) {
        final ObjectNode batch = Json.mapper().createObjectNode();
        final ArrayNode events = batch.putArray("events");
        for (final DemoSeed seed : seeds) {
            final EventTemplate template = seed.events().get(random.nextInt(seed.events().size()));
            final ObjectNode event = events.addObject();
            event.put("id", seed.customerId() + "-" + tick);
            event.put("type", template.type());
            event.put("customer_id", seed.customerId());
            event.set("properties", template.draw(random));
        }
        return batch;
    }
}
