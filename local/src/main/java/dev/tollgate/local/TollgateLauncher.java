package dev.tollgate.local;

import dev.tollgate.broker.BrokerStartException;
import dev.tollgate.local.launch.Component;
import dev.tollgate.local.launch.LaunchException;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import java.util.stream.Collectors;

/** {@code java -jar tollgate-local.jar}: runs the components named by {@code TOLLGATE_COMPONENTS}. */
public final class TollgateLauncher {

    private static final int EXIT_BAD_SETTINGS = 2;

    private TollgateLauncher() {
    }

    public static void main(final String[] args) {
        final long started = System.nanoTime();
        final Tollgate tollgate;
        try {
            tollgate = Tollgate.start(LaunchSettings.fromEnvironment(System.getenv()));
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
        final LaunchSettings settings = tollgate.settings();
        System.out.printf("""
            Tollgate is up in %.1f s: %s
              components:  %s
              kafka:       %s
              data dir:    %s
              admin key:   %s
              ingest key:  %s
            """, (System.nanoTime() - started) / 1e9, tollgate.baseUrl(),
            settings.components().stream().map(Component::wireName).collect(Collectors.joining(",")),
            tollgate.bootstrapServers(), settings.dataDir(), settings.adminKey(), settings.ingestKey());
    }
}
