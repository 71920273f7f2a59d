package dev.tollgate.planapi.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Coupon;
import dev.tollgate.model.json.Json;
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
import java.util.Map;

/**
 * Coupons: {@code POST/GET /v1/coupons}, {@code GET/PUT /v1/coupons/{code}}. A PUT replaces the
 * definition; subscriptions that carry the coupon see the new terms on their next statement.
 */
@Controller("/v1/coupons")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class CouponController {

    private final CatalogStore catalog;
    private final Clock clock;

    public CouponController(final CatalogStore catalog, final Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> create(@Body final byte[] body) {
        final JsonNode json = JsonBodies.parseObject(body);
        final Instant now = clock.instant();
        final Coupon created = catalog.write(() -> {
            final Coupon coupon = CouponReader.read(json, null, this::planExists, now, now);
            if (catalog.coupon(coupon.code()).isPresent()) {
                throw ProblemException.conflict("coupon " + coupon.code() + " already exists");
            }
            return CatalogDecision.of(coupon, CatalogWrite.of(Topics.COUPONS, coupon.code(), coupon));
        });
        return withEtag(JsonBodies.created(view(created, catalog.couponUses())), created);
    }

    @Put("/{code}")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> update(@PathVariable final String code, @Body final byte[] body,
                                       @Nullable @Header(HttpHeaders.IF_MATCH) final String ifMatch) {
        final JsonNode json = JsonBodies.parseObject(body);
        BodyCode.mustMatchPath(json, code);
        final Instant now = clock.instant();
        final Coupon updated = catalog.write(() -> {
            final Coupon current = existing(code);
            checkIfMatch(ifMatch, current);
            final Coupon replaced = CouponReader.read(json, code, this::planExists, current.createdAt(), now);
            return CatalogDecision.of(replaced, CatalogWrite.of(Topics.COUPONS, code, replaced));
        });
        return withEtag(JsonBodies.ok(view(updated, catalog.couponUses())), updated);
    }

    @Get
    public HttpResponse<String> list() {
        final Map<String, Integer> uses = catalog.couponUses();
        return JsonBodies.ok(catalog.coupons().stream().sorted(Comparator.comparing(Coupon::code))
            .map(coupon -> view(coupon, uses)).toList());
    }

    @Get("/{code}")
    public HttpResponse<String> get(@PathVariable final String code) {
        final Coupon coupon = existing(code);
        return withEtag(JsonBodies.ok(view(coupon, catalog.couponUses())), coupon);
    }

    /** The coupon with {@code current_uses}: how many subscriptions redeemed it. */
    private static ObjectNode view(final Coupon coupon, final Map<String, Integer> uses) {
        final ObjectNode view = Json.mapper().valueToTree(coupon);
        view.put("current_uses", uses.getOrDefault(coupon.code(), 0));
        return view;
    }

    private Coupon existing(final String code) {
        return catalog.coupon(code).orElseThrow(() -> ProblemException.notFound("coupon " + code + " does not exist"));
    }

    private boolean planExists(final String plan) {
        return catalog.plan(plan).isPresent();
    }

    /** A PUT replaces the whole definition, so it must name the state it was made from, as a plan's PUT does. */
    private static void checkIfMatch(final String ifMatch, final Coupon current) {
        IfMatch.check(ifMatch, IfMatch.etagOf(current), "send If-Match with the ETag of GET /v1/coupons/"
            + current.code() + " (or * to replace whatever is current) to replace coupon " + current.code(),
            "If-Match " + IfMatch.echo(ifMatch) + " is stale: coupon " + current.code() + " changed since (ETag "
                + IfMatch.etagOf(current) + "); read it again and retry");
    }

    private static HttpResponse<String> withEtag(final HttpResponse<String> response, final Coupon record) {
        return ((MutableHttpResponse<String>) response).header(HttpHeaders.ETAG, IfMatch.etagOf(record));
    }
}
