package dev.tollgate.http.health;

/** One condition of {@code GET /health}: the process is UP only when every check passes. */
public interface HealthCheck {

    String name();

    /** Null when healthy, else why not, in words for an operator. */
    String problem();
}
