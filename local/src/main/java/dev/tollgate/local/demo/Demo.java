package dev.tollgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.local.launch.LaunchException;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code java -jar tollgate-local.jar demo}: the whole pipeline on an embedded broker, used as a user
 * would through the HTTP API: the five seed plans loaded, a customer subscribed to each, producers
 * simulated, then each customer's usage and the final statement of a terminated subscription.
 */
public final class Demo {

    /** Short, so that the terminated subscription's statement comes within seconds. */
    static final Duration LATE_GRACE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);

    private final PrintStream out;

    private Demo(final PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo with {@code args} (those after {@code demo}) and answers the exit code. Bad arguments
     * are an {@link IllegalArgumentException}, bad settings a {@link LaunchException}.
     */
    public static int run(final List<String> args, final Map<String, String> env, final PrintStream out)
        throws InterruptedException {
        final DemoOptions options = DemoOptions.parse(args);
        if (env.containsKey("TOLLGATE_KAFKA_BOOTSTRAP")) {
            throw new LaunchException("the demo runs on an embedded broker of its own: unset TOLLGATE_KAFKA_BOOTSTRAP");
        }
        final Optional<Path> temporary = env.containsKey("TOLLGATE_DATA_DIR")
            ? Optional.empty() : Optional.of(createTempDir());
        final Map<String, String> settings = new HashMap<>(env);
        temporary.ifPresent(dir -> settings.put("TOLLGATE_DATA_DIR", dir.toString()));
        settings.put("TOLLGATE_LATE_GRACE", LATE_GRACE.toString());
        settings.put("TOLLGATE_COMPONENTS", LaunchSettings.DEFAULT_COMPONENTS);
        final Tollgate tollgate = Tollgate.start(LaunchSettings.fromEnvironment(settings));
        final AtomicBoolean stopped = new AtomicBoolean();
        final Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                tollgate.close();
                temporary.ifPresent(Demo::deleteTree);
            }
        };
        final Thread onInterrupt = new Thread(stop, "tollgate-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            new Demo(out).show(tollgate, options);
        } finally {
            out.println("Stopping.");
            stop.run();
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
        out.println("Stopped.");
        return 0;
    }

    private void show(final Tollgate tollgate, final DemoOptions options) throws InterruptedException {
        final LaunchSettings settings = tollgate.settings();
        final DemoClient client = new DemoClient(tollgate.baseUrl(), settings.adminKey(), settings.ingestKey());
        out.println("Tollgate demo: " + tollgate.baseUrl() + ", data dir " + settings.dataDir() + ", late grace "
            + LATE_GRACE.toSeconds() + " s");
        out.println("  console: " + tollgate.baseUrl() + "/console  (admin key " + settings.adminKey() + ")");
        await("GET /health to answer UP", client::healthy);

        final List<DemoSeed> seeds = DemoSeed.load();
        for (final DemoSeed seed : seeds) {
            seed.meters().forEach(meter -> client.create("/v1/meters", meter));
            final JsonNode plan = client.create("/v1/plans", seed.plan());
            out.printf("Loaded seed %s: plan %s (%s, %s, %s)%n", seed.seed(), seed.planCode(),
                plan.get("currency").asText(), count(seed.meters().size(), "meter"),
                count(plan.get("charges").size(), "charge"));
        }
        for (final DemoSeed seed : seeds) {
            client.create("/v1/subscriptions", seed.subscriptionBody());
            out.printf("Subscribed %s to %s (%s)%n", seed.customerId(), seed.planCode(), seed.subscriptionId());
        }

        out.printf("Producers send events for %d s:%n", options.seconds());
        final long sent = new Producers(client, seeds, out).run(options.seconds());
        await("the rater to decide all " + sent + " events", () -> client.decidedEvents() >= sent);
        out.printf(Locale.ROOT, "The rater rated or rejected all %,d events.%n", sent);

        out.println("Usage this period:");
        for (final DemoSeed seed : seeds) {
            DemoReport.usage(client.get("/v1/customers/" + seed.customerId() + "/usage")).forEach(out::println);
        }
        out.println(DemoReport.rejections(client.rejections()));

        final DemoSeed ending = seeds.stream().filter(DemoSeed::terminate).findFirst().orElseThrow();
        final String ended = client.delete("/v1/subscriptions/" + ending.subscriptionId()).get("ended_at").asText();
        out.printf("Terminated %s at %s; its period closes after the late grace.%n", ending.subscriptionId(), ended);
        final JsonNode[] statement = new JsonNode[1];
        await("the final statement of " + ending.subscriptionId(), () -> {
            statement[0] = finalStatement(client, ending.subscriptionId()).orElse(null);
            return statement[0] != null;
        });
        DemoReport.statement(statement[0]).forEach(out::println);
    }

    private static String count(final int count, final String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static Optional<JsonNode> finalStatement(final DemoClient client, final String subscription) {
        for (final JsonNode statement : client.get("/v1/subscriptions/" + subscription + "/statements")) {
            if ("statement".equals(statement.get("kind").asText())) {
                return Optional.of(statement);
            }
        }
        return Optional.empty();
    }

    private static void await(final String what, final Supplier<Boolean> done) throws InterruptedException {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + DEADLINE.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("tollgate-demo");
        } catch (IOException e) {
            throw new LaunchException("cannot create a temporary data dir: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(final Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo's data dir " + root, e);
        }
    }
}
