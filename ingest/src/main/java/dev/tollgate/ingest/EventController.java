package dev.tollgate.ingest;

import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.model.event.UsageEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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

/**
 * Usage events over HTTP: {@code POST /v1/events} (one) and {@code POST /v1/events/batch} (up to
 * 1,000), in Tollgate's JSON or as CloudEvents. Answers 202 with the accepted ids only after Kafka
 * acknowledged the write. Takes any Content-Type so that a wrong one is our 415 problem, not the
 * framework's.
 */
@Controller("/v1/events")
@Requires(property = "tollgate.components.ingest", value = "true")
public class EventController {

    private static final String CE_SPEC_VERSION_HEADER = "ce-specversion";

    private final EventPublisher publisher;
    private final Clock clock;

    public EventController(final EventPublisher publisher, final Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> publish(final HttpRequest<?> request, @Body @Nullable final byte[] body) {
        final UsageEvent event = EventBodies.single(body, format(request, false), clock.instant());
        return write(List.of(event));
    }

    @Post("/batch")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> publishBatch(final HttpRequest<?> request, @Body @Nullable final byte[] body) {
        return write(EventBodies.batch(body, format(request, true), clock.instant()));
    }

    private HttpResponse<String> write(final List<UsageEvent> events) {
        publisher.publish(events);
        return JsonBodies.respond(HttpStatus.ACCEPTED,
            Map.of("accepted", events.stream().map(UsageEvent::id).toList()));
    }

    private static EventFormat format(final HttpRequest<?> request, final boolean isBatch) {
        return EventFormat.of(request.getHeaders().get(HttpHeaders.CONTENT_TYPE),
            request.getHeaders().contains(CE_SPEC_VERSION_HEADER), isBatch);
    }
}
