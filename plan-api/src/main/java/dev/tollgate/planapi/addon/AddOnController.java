package dev.tollgate.planapi.addon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.AddOn;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.planapi.catalog.BodyCode;
import dev.tollgate.planapi.catalog.IfMatch;
import dev.tollgate.planapi.store.CatalogDecision;
import dev.tollgate.planapi.store.CatalogStore;
import dev.tollgate.planapi.store.CatalogWrite;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
        final AddOn created = catalog.write(() -> {
            if (catalog.addOn(addOn.code()).isPresent()) {
                throw ProblemException.conflict("add-on " + addOn.code() + " already exists");
            }
            return CatalogDecision.of(addOn, CatalogWrite.of(Topics.ADDONS, addOn.code(), addOn));
        });
        return withEtag(JsonBodies.created(created), created);
    }

    @Put("/{code}")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> update(@PathVariable final String code, @Body final byte[] body,
                                       @Nullable @Header(HttpHeaders.IF_MATCH) final String ifMatch) {
        final JsonNode json = JsonBodies.parseObject(body);
        BodyCode.mustMatchPath(json, code);
        final Instant now = clock.instant();
        final AddOn updated = catalog.write(() -> {
            final AddOn current = existing(code);
            checkIfMatch(ifMatch, current);
            final AddOn replaced = AddOnReader.read(json, code, current.createdAt(), now);
            return CatalogDecision.of(replaced, CatalogWrite.of(Topics.ADDONS, code, replaced));
        });
        return withEtag(JsonBodies.ok(updated), updated);
    }

    @Get
    public HttpResponse<String> list() {
        return JsonBodies.ok(catalog.addOns().stream()
            .sorted(Comparator.comparingInt(AddOn::sortOrder).thenComparing(AddOn::code)).toList());
    }

    @Get("/{code}")
    public HttpResponse<String> get(@PathVariable final String code) {
        final AddOn addOn = existing(code);
        return withEtag(JsonBodies.ok(addOn), addOn);
    }

    private AddOn existing(final String code) {
        return catalog.addOn(code).orElseThrow(() -> ProblemException.notFound("add-on " + code + " does not exist"));
    }

    /** A PUT replaces the whole definition, so it must name the state it was made from, as a plan's PUT does. */
    private static void checkIfMatch(final String ifMatch, final AddOn current) {
        IfMatch.check(ifMatch, IfMatch.etagOf(current), "send If-Match with the ETag of GET /v1/addons/"
            + current.code() + " (or * to replace whatever is current) to replace add-on " + current.code(),
            "If-Match " + IfMatch.echo(ifMatch) + " is stale: add-on " + current.code() + " changed since (ETag "
                + IfMatch.etagOf(current) + "); read it again and retry");
    }

    private static HttpResponse<String> withEtag(final HttpResponse<String> response, final AddOn record) {
        return ((MutableHttpResponse<String>) response).header(HttpHeaders.ETAG, IfMatch.etagOf(record));
    }
}
