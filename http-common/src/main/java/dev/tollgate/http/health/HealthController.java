package dev.tollgate.http.health;

import dev.tollgate.http.json.JsonBodies;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}, without auth: 200 {@code {"status":"UP"}} when every {@link HealthCheck} passes
 * (broker reachable, topics present, rater streams RUNNING), else 503 with the failing checks.
 */
@Controller("/health")
public class HealthController {

    private final List<HealthCheck> checks;

    public HealthController(final List<HealthCheck> checks) {
        this.checks = checks;
    }

    @Get
    public HttpResponse<String> health() {
        final Map<String, String> problems = new LinkedHashMap<>();
        for (final HealthCheck check : checks) {
            final String problem = check.problem();
            if (problem != null) {
                problems.put(check.name(), problem);
            }
        }
        if (problems.isEmpty()) {
            return JsonBodies.ok(Map.of("status", "UP"));
        }
        return JsonBodies.respond(HttpStatus.SERVICE_UNAVAILABLE, Map.of("status", "DOWN", "problems", problems));
    }
}
