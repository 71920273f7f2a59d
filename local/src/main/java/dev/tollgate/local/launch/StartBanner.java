package dev.tollgate.local.launch;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * What the launcher prints once Tollgate is up. A generated key is printed, since nobody else knows
 * it, with the file that keeps it; a key from the environment is not, since whoever set it knows it
 * and the output may end up in a log.
 */
public final class StartBanner {

    private StartBanner() {
    }

    /**
     * @param requested the settings as read from the environment, before keys were generated
     * @param running   the settings Tollgate runs with
     */
    public static String render(final LaunchSettings requested, final LaunchSettings running, final String baseUrl,
                                final String bootstrapServers, final Duration took) {
        return String.format("""
            Tollgate is up in %.1f s: %s
              console:     %s/console
              components:  %s
              kafka:       %s
              kafka security: %s
              data dir:    %s
              admin key:   %s
              ingest key:  %s
            """, took.toMillis() / 1e3, baseUrl, baseUrl,
            running.components().stream().map(Component::wireName).collect(Collectors.joining(",")),
            bootstrapServers, running.kafkaClient().describe(), running.dataDir(),
            key(requested.adminKey(), running.adminKey(), "TOLLGATE_ADMIN_KEY", running),
            key(requested.ingestKey(), running.ingestKey(), "TOLLGATE_INGEST_KEY", running));
    }

    private static String key(final String fromEnvironment, final String running, final String variable,
                              final LaunchSettings settings) {
        return fromEnvironment != null ? "(set by " + variable + ")"
            : running + "  (generated, kept in " + ApiKeyFile.location(settings) + ")";
    }
}
