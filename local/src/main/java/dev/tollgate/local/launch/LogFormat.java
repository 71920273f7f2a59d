package dev.tollgate.local.launch;

import java.util.Locale;
import java.util.Map;

/**
 * {@code TOLLGATE_LOG_FORMAT}: {@code text} lines for people (the default), or {@code json}, one JSON
 * object per line with the MDC's {@code request_id}, for log shippers. logback.xml includes
 * {@code tollgate-log-<FORMAT>.xml} by the system property this sets, so it must be applied before the
 * first logger is created.
 */
public enum LogFormat {
    TEXT,
    JSON;

    public static final String VARIABLE = "TOLLGATE_LOG_FORMAT";
    /** What logback.xml reads to choose the file that defines its appender. */
    public static final String PROPERTY = "tollgate.log.format";

    public static LogFormat fromEnvironment(final Map<String, String> env) {
        final String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LaunchException(VARIABLE + " must be text or json, not '" + value + "'", e);
        }
    }

    public void apply() {
        System.setProperty(PROPERTY, name());
    }
}
