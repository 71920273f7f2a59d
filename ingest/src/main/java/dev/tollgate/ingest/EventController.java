package dev.tollgate.ingest;

import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.event.UsageEvent;
import dev.tollgate.model.event.UsageEventReader;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Usage events over HTTP: {@code POST /v1/events}. Answers 202 only after Kafka acknowledged the write. */
@Controller("/v1/events")
@Requires(property = "tollgate.components.ingest", value = "true")
public class EventController {

    private final EventPublisher publisher;
    private final Clock clock;

    public EventController(final EventPublisher publisher, final Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> publish(@Body final byte[] body) {
        final UsageEventReader.Result result = UsageEventReader.read(JsonBodies.parseObject(body), clock.instant());
        if (!result.valid()) {
            throw ProblemException.invalid(result.errors());
        }
        final UsageEvent event = result.event();
        publisher.publish(List.of(event));
        return JsonBodies.respond(HttpStatus.ACCEPTED, Map.of("accepted", List.of(event.id())));
    }
}
