package dev.tollgate.local;

import dev.tollgate.broker.BrokerStartException;
import dev.tollgate.local.demo.Demo;
import dev.tollgate.local.demo.DemoOptions;
import dev.tollgate.local.launch.LaunchException;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.LogFormat;
import dev.tollgate.local.launch.StartBanner;
import dev.tollgate.local.launch.Tollgate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar tollgate-local.jar}: runs the components named by {@code TOLLGATE_COMPONENTS};
 * {@code java -jar tollgate-local.jar demo [--seconds N]} runs the demo and exits.
 */
public final class TollgateLauncher {

    private static final int EXIT_BAD_SETTINGS = 2;

    private TollgateLauncher() {
    }

    public static void main(final String[] args) {
        final List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("demo")) {
            System.exit(demo(arguments.subList(1, arguments.size())));
            return;
        }
        if (!arguments.isEmpty()) {
            System.err.println("tollgate: unknown argument " + arguments.get(0));
            System.err.print(DemoOptions.USAGE);
            System.exit(EXIT_BAD_SETTINGS);
            return;
        }
        run();
    }

    private static void run() {
        final long started = System.nanoTime();
        final LaunchSettings requested;
        final Tollgate tollgate;
        final LogFormat logFormat;
        try {
            // Before anything logs: logback reads the format once, when the first logger is made.
            logFormat = LogFormat.fromEnvironment(System.getenv());
            logFormat.apply();
            requested = LaunchSettings.fromEnvironment(System.getenv());
            tollgate = Tollgate.start(requested);
        } catch (LaunchException | BrokerStartException e) {
            System.err.println("tollgate: cannot start: " + e.getMessage());
            System.exit(EXIT_BAD_SETTINGS);
            return;
        } catch (RuntimeException e) {
            System.err.println("tollgate: failed to start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(tollgate::close, "tollgate-shutdown"));
        if (logFormat == LogFormat.JSON) {
            // Standard output is JSON lines for a log shipper; the start-up log line says what the banner says, keys aside.
            return;
        }
        System.out.print(StartBanner.render(requested, tollgate.settings(), tollgate.baseUrl(),
            tollgate.bootstrapServers(), Duration.ofNanos(System.nanoTime() - started)));
    }

    private static int demo(final List<String> args) {
        // Read by logback.xml: the demo's own lines are its output, so the pipeline logs warnings only.
        System.setProperty("tollgate.log.level", "WARN");
        System.setProperty("tollgate.kafka.log.level", "ERROR");
        try {
            return Demo.run(args, System.getenv(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("tollgate demo: " + e.getMessage());
            System.err.print(DemoOptions.USAGE);
            return EXIT_BAD_SETTINGS;
        } catch (LaunchException | BrokerStartException e) {
            System.err.println("tollgate demo: cannot start: " + e.getMessage());
            return EXIT_BAD_SETTINGS;
        } catch (RuntimeException e) {
            System.err.println("tollgate demo: failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("tollgate demo: interrupted");
            return 1;
        }
    }
}
