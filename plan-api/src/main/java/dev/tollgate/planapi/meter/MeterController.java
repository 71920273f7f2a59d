package dev.tollgate.planapi.meter;

import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.planapi.store.CatalogDecision;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.planapi.store.CatalogWrite;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.util.Comparator;

/** Meters (billable metrics): {@code POST/GET /v1/meters}, {@code GET /v1/meters/{code}}. */
@Controller("/v1/meters")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class MeterController {

    private final CatalogStore catalog;

    public MeterController(final CatalogStore catalog) {
        this.catalog = catalog;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> create(@Body final byte[] body) {
        final Meter meter = MeterReader.read(JsonBodies.parseObject(body));
        return JsonBodies.created(catalog.write(() -> {
            if (catalog.meter(meter.code()).isPresent()) {
                throw ProblemException.conflict("meter " + meter.code() + " already exists");
            }
            return CatalogDecision.of(meter, CatalogWrite.of(Topics.METERS, meter.code(), meter));
        }));
    }

    @Get
    public HttpResponse<String> list() {
        return JsonBodies.ok(catalog.meters().stream().sorted(Comparator.comparing(Meter::code)).toList());
    }

    @Get("/{code}")
    public HttpResponse<String> get(@PathVariable final String code) {
        return JsonBodies.ok(catalog.meter(code)
            .orElseThrow(() -> ProblemException.notFound("meter " + code + " does not exist")));
    }
}
