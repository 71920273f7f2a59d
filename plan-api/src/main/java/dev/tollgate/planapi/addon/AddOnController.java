package dev.tollgate.planapi.addon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.planapi.catalog.BodyCode;
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
import io.micronaut.http.annotation.Put;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;

/** Add-ons: {@code POST/GET /v1/addons}, {@code GET/PUT /v1/addons/{code}}. A PUT replaces the definition. */
@Controller("/v1/addons")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class AddOnController {

    private final CatalogStore catalog;
    private final Clock clock;

    public AddOnController(final CatalogStore catalog, final Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> create(@Body final byte[] body) {
        final Instant now = clock.instant();
        final AddOn addOn = AddOnReader.read(JsonBodies.parseObject(body), null, now, now);
        return JsonBodies.created(catalog.write(() -> {
            if (catalog.addOn(addOn.code()).isPresent()) {
                throw ProblemException.conflict("add-on " + addOn.code() + " already exists");
            }
            return CatalogDecision.of(addOn, CatalogWrite.of(Topics.ADDONS, addOn.code(), addOn));
        }));
    }

    @Put("/{code}")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> update(@PathVariable final String code, @Body final byte[] body) {
        final JsonNode json = JsonBodies.parseObject(body);
        BodyCode.mustMatchPath(json, code);
        final Instant now = clock.instant();
        return JsonBodies.ok(catalog.write(() -> {
            final AddOn updated = AddOnReader.read(json, code, existing(code).createdAt(), now);
            return CatalogDecision.of(updated, CatalogWrite.of(Topics.ADDONS, code, updated));
        }));
    }

    @Get
    public HttpResponse<String> list() {
        return JsonBodies.ok(catalog.addOns().stream()
            .sorted(Comparator.comparingInt(AddOn::sortOrder).thenComparing(AddOn::code)).toList());
    }

    @Get("/{code}")
    public HttpResponse<String> get(@PathVariable final String code) {
        return JsonBodies.ok(existing(code));
    }

    private AddOn existing(final String code) {
        return catalog.addOn(code).orElseThrow(() -> ProblemException.notFound("add-on " + code + " does not exist"));
    }
}
