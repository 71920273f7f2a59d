package dev.tollgate.local;

import dev.tollgate.broker.BrokerStartException;
import dev.tollgate.local.launch.LaunchException;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.LogFormat;
import dev.tollgate.local.launch.StartBanner;
import dev.tollgate.local.launch.Tollgate;
import java.time.Duration;

/** {@code java -jar tollgate-local.jar}: runs the components named by {@code TOLLGATE_COMPONENTS}. */
public final class TollgateLauncher {

    private static final int EXIT_BAD_SETTINGS = 2;

    private TollgateLauncher() {
    }

    public static void main(final String[] args) {
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
}
