package dev.tollgate.local.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every route of the API with a valid request for it, and the hostile requests made from those:
 * mutated bodies, odd encodings and content types, odd path segments and query strings, wrong keys.
 * The route templates are the OpenAPI document's, so a route added without a valid request here
 * makes the suite fail rather than go unprobed.
 */
final class HttpProbes {

    /** The catalog entries that exist before the probes run, named in the valid requests. */
    record Fixture(String meter, String plan, String putPlan, String archivablePlan, String customer,
                   String subscription, List<String> endableSubscriptions, String coupon, String addon,
                   String statementSubscription, String statementId, String statementPeriodStart,
                   String ratedEventId, String groupedCustomer, String groupedMeter) {
    }

    /** One request to send. */
    record Probe(String route, String method, String path, String contentType, String key, String ifMatch,
                 byte[] body, String label) {

        String describe() {
            final String bodyText = body == null ? "(none)" : Hostile.preview(new String(body, StandardCharsets.UTF_8)
                .replace("\n", " "));
            return method + " " + Hostile.preview(path) + " [" + label + "] content-type=" + contentType
                + " body(" + (body == null ? 0 : body.length) + " bytes)=" + bodyText;
        }

        /** The request to send to the server at {@code base}; IllegalArgumentException when no client can send it. */
        HttpRequest request(final String base) {
            final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30));
            if (key != null) {
                builder.header("Authorization", "Bearer " + key);
            }
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            if (ifMatch != null) {
                builder.header("If-Match", ifMatch);
            }
            return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }
    }

    enum Auth { ADMIN, INGEST, ANY, NONE }

    /** A documented route and how to make a valid request to it. */
    private record Route(String method, String template, Auth auth, String contentType, Map<String, String> params,
                         String query, String body) {

        boolean hasBody() {
            return body != null;
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private final Hostile hostile;
    private final Fixture fixture;
    private final String adminKey;
    private final String ingestKey;
    private final List<Route> routes;
    private int serial;

    HttpProbes(final Hostile hostile, final Fixture fixture, final String adminKey, final String ingestKey) {
        this.hostile = hostile;
        this.fixture = fixture;
        this.adminKey = adminKey;
        this.ingestKey = ingestKey;
        this.routes = routes(fixture);
    }

    /** "METHOD /template" of every route probed, to compare with the served OpenAPI document. */
    List<String> routeNames() {
        return routes.stream().map(r -> r.method() + " " + r.template()).distinct().toList();
    }

    /** The valid request of every route and variant, in the order the routes are listed. */
    List<Probe> valid() {
        final List<Probe> probes = new ArrayList<>();
        for (final Route route : routes) {
            final int n = serial++;
            probes.add(new Probe(route.method() + " " + route.template(), route.method(), expand(route, route.params()),
                route.contentType(), route.auth() == Auth.ANY ? adminKey : key(route.auth()),
                route.method().equals("PUT") ? "*" : null,
                route.hasBody() ? route.body().replace("{n}", Integer.toString(n)).getBytes(StandardCharsets.UTF_8) : null,
                "valid"));
        }
        return probes;
    }

    /** {@code perBodyRoute} probes of every route with a body and {@code perOtherRoute} of the rest. */
    List<Probe> generate(final int perBodyRoute, final int perOtherRoute) {
        final List<Probe> probes = new ArrayList<>();
        for (final Route route : routes) {
            final long variants = routes.stream().filter(r -> r.method().equals(route.method())
                && r.template().equals(route.template())).count();
            final int count = (int) Math.ceil((route.hasBody() ? perBodyRoute : perOtherRoute) / (double) variants);
            for (int i = 0; i < count; i++) {
                probes.add(probe(route));
            }
        }
        // Interleave routes so that writes, reads and events meet on the server at the same time.
        final List<Probe> shuffled = new ArrayList<>(probes.size());
        while (!probes.isEmpty()) {
            shuffled.add(probes.remove(hostile.nextInt(probes.size())));
        }
        return shuffled;
    }

    private Probe probe(final Route route) {
        final int n = serial++;
        final String validBody = route.hasBody() ? route.body().replace("{n}", Integer.toString(n)) : null;
        String path = expand(route, route.params());
        String label = "valid";
        String contentType = route.contentType();
        String key = key(route.auth());
        // Every PUT replaces a definition and must name what it replaces; "*" is "whatever is current".
        String ifMatch = route.method().equals("PUT") ? "*" : null;
        byte[] body = validBody == null ? null : validBody.getBytes(StandardCharsets.UTF_8);

        final int kind = hostile.nextInt(100);
        if (kind < 4) {
            key = hostile.pick(java.util.Arrays.asList(null, "", "tg_admin_wrong", route.auth() == Auth.INGEST ? adminKey
                : ingestKey, "x".repeat(10_000)));
            label = "auth " + (key == null ? "none" : Hostile.preview(key));
        } else if (!route.hasBody() && kind < 30 || route.hasBody() && kind >= 12 && kind < 17) {
            label = "valid";
        } else if (!route.hasBody() || kind < 12) {
            if (route.params().isEmpty() || hostile.chance(0.35)) {
                path = path + hostile.query();
                label = "query";
            } else {
                final Map<String, String> params = new LinkedHashMap<>(route.params());
                final String name = hostile.pick(new ArrayList<>(params.keySet()));
                params.put(name, hostile.segment());
                path = expand(route, params);
                label = "path {" + name + "}";
            }
        } else {
            final JsonNode tree = Hostile.parse(validBody);
            final Hostile.Mutation mutation;
            final int how = hostile.nextInt(100);
            if (how < 45) {
                mutation = hostile.mutateField(tree, 1);
            } else if (how < 55) {
                mutation = hostile.mutateField(tree, 2 + hostile.nextInt(4));
            } else if (how < 65) {
                mutation = hostile.mutateBytes(body);
            } else if (how < 72) {
                mutation = hostile.truncate(body);
            } else if (how < 80) {
                mutation = hostile.encode(body);
            } else if (how < 88) {
                mutation = hostile.shape(tree);
            } else if (how < 91) {
                mutation = hostile.oversized(tree);
            } else if (how < 97) {
                contentType = hostile.pick(java.util.Arrays.asList(null, "", "text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                    "application/json; charset=iso-8859-1", "application/json;;;", "APPLICATION/JSON", "@@@", "*/*",
                    "application/cloudevents+json", "application/cloudevents-batch+json", "application/json-patch+json",
                    "application/" + "x".repeat(5_000)));
                mutation = new Hostile.Mutation("content-type " + Hostile.preview(String.valueOf(contentType)), body);
            } else if (ifMatch != null) {
                ifMatch = hostile.pick(List.of("", "\"0\"", "\"-1\"", "\"99999999999999999999\"", "W/\"1\"", "\"1\", \"2\"",
                    "\"\u00e9\"", "x".repeat(4_000)));
                mutation = new Hostile.Mutation("if-match " + Hostile.preview(ifMatch), body);
            } else {
                mutation = new Hostile.Mutation("valid", body);
            }
            body = mutation.body();
            label = mutation.label();
        }
        return new Probe(route.method() + " " + route.template(), route.method(), path, contentType, key, ifMatch, body,
            label);
    }

    private String key(final Auth auth) {
        return switch (auth) {
            case ADMIN -> adminKey;
            case INGEST -> ingestKey;
            case ANY -> hostile.chance(0.5) ? adminKey : ingestKey;
            case NONE -> null;
        };
    }

    private static String expand(final Route route, final Map<String, String> params) {
        final Matcher matcher = PARAM.matcher(route.template());
        final StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(params.get(matcher.group(1))));
        }
        matcher.appendTail(path);
        return path + (route.query() == null ? "" : route.query());
    }

    private static List<Route> routes(final Fixture f) {
        final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final String yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        final String json = "application/json";
        final String plan = "\"name\":\"Hostile\",\"description\":\"probe\",\"interval\":\"monthly\",\"frequency\":1,"
            + "\"currency\":\"USD\",\"amount\":\"10.00\",\"yearly_amount\":\"100\",\"seat_price\":\"1.5\",\"max_seats\":10,"
            + "\"trial_days\":0,\"bill_timing\":\"in_arrears\",\"billing_cycles\":12,\"sort_order\":1,\"group\":\"g\","
            + "\"invoice_display_name\":\"Hostile plan\",\"attributes\":{\"tier\":\"gold\"},\"features\":{\"sso\":true},"
            + "\"credits\":{\"USD\":\"5\"},\"minimum_commitment\":\"20\",\"spend_limit\":\"1000\","
            + "\"spend_thresholds\":[\"100\",\"500\"],\"charges\":[{\"code\":\"seconds\",\"meter\":\"" + f.meter() + "\","
            + "\"model\":\"standard\",\"properties\":{\"amount\":\"0.002\"},\"filters\":{\"region\":[\"eu\",\"us\"]},"
            + "\"limit\":{\"units\":\"100000\",\"enforce\":false},\"thresholds\":[\"50\",\"90\"],\"name\":\"Seconds\","
            + "\"unit_label\":\"s\"},{\"code\":\"tiers\",\"meter\":\"" + f.meter() + "\",\"model\":\"graduated\","
            + "\"properties\":{\"graduated_ranges\":[{\"from_value\":0,\"to_value\":100,\"per_unit_amount\":\"0.01\","
            + "\"flat_amount\":\"1\"},{\"from_value\":100,\"to_value\":null,\"per_unit_amount\":\"0.005\","
            + "\"flat_amount\":\"0\"}]}}]";
        final String event = "{\"id\":\"hxe_{n}\",\"type\":\"hx_call\",\"customer_id\":\"" + f.customer() + "\","
            + "\"timestamp\":\"" + now + "\",\"properties\":{\"seconds\":12,\"region\":\"eu\",\"note\":\"ok\"}}";
        final String cloudEvent = "{\"specversion\":\"1.0\",\"id\":\"hxce_{n}\",\"source\":\"/hostile\",\"type\":\"hx_call\","
            + "\"subject\":\"" + f.customer() + "\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\","
            + "\"data\":{\"seconds\":3,\"region\":\"us\"}}";
        final String coupon = "\"name\":\"Ten off\",\"coupon_type\":\"percentage\",\"percentage_rate\":\"10\",\"max_uses\":100,"
            + "\"valid_from\":\"2026-01-01T00:00:00Z\",\"valid_until\":\"2030-01-01T00:00:00Z\",\"plans\":[\"" + f.plan()
            + "\"],\"active\":true";
        final String fixedCoupon = "\"name\":\"Five off\",\"coupon_type\":\"fixed_amount\",\"amount\":\"5.00\","
            + "\"currency\":\"USD\",\"max_uses\":3,\"active\":true";
        final String addon = "\"name\":\"Extra\",\"description\":\"probe\",\"currency\":\"USD\",\"monthly_amount\":\"5.00\","
            + "\"yearly_amount\":\"50\",\"unit\":\"per_seat\",\"active\":true,\"sort_order\":1";
        final Map<String, String> none = Map.of();
        final List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET", "/health", Auth.NONE, null, none, null, null));
        routes.add(new Route("GET", "/openapi.yml", Auth.NONE, null, none, null, null));
        routes.add(new Route("GET", "/prometheus", Auth.NONE, null, none, null, null));
        routes.add(new Route("GET", "/console", Auth.NONE, null, none, null, null));
        routes.add(new Route("GET", "/console/console.js", Auth.NONE, null, none, null, null));
        routes.add(new Route("GET", "/console/console.css", Auth.NONE, null, none, null, null));
        routes.add(new Route("GET", "/v1/meters", Auth.ADMIN, null, none, null, null));
        routes.add(new Route("POST", "/v1/meters", Auth.ADMIN, json, none, null, "{\"code\":\"hxm_{n}\",\"name\":\"Probe\","
            + "\"event_type\":\"hx_call\",\"aggregation\":\"sum\",\"field\":\"seconds\",\"filters\":{\"region\":[\"eu\"]}}"));
        routes.add(new Route("POST", "/v1/meters", Auth.ADMIN, json, none, null, "{\"code\":\"hxu_{n}\","
            + "\"event_type\":\"hx_call\",\"aggregation\":\"unique_count\",\"field\":\"note\"}"));
        routes.add(new Route("GET", "/v1/meters/{code}", Auth.ADMIN, null, Map.of("code", f.meter()), null, null));
        routes.add(new Route("GET", "/v1/plans", Auth.ADMIN, null, none, null, null));
        routes.add(new Route("POST", "/v1/plans", Auth.ADMIN, json, none, null,
            "{\"code\":\"hxp_{n}\",\"lookup_key\":\"lk_{n}\"," + plan + "}"));
        routes.add(new Route("GET", "/v1/plans/{code}", Auth.ADMIN, null, Map.of("code", f.plan()), null, null));
        routes.add(new Route("PUT", "/v1/plans/{code}", Auth.ADMIN, json, Map.of("code", f.putPlan()), null,
            "{\"code\":\"" + f.putPlan() + "\"," + plan + "}"));
        routes.add(new Route("DELETE", "/v1/plans/{code}", Auth.ADMIN, null, Map.of("code", f.archivablePlan()), null,
            null));
        routes.add(new Route("GET", "/v1/plans/{code}/versions", Auth.ADMIN, null, Map.of("code", f.plan()), null,
            null));
        routes.add(new Route("GET", "/v1/plans/{code}/versions/{version}", Auth.ADMIN, null,
            Map.of("code", f.plan(), "version", "1"), null, null));
        routes.add(new Route("GET", "/v1/subscriptions", Auth.ADMIN, null, none, "?customer_id=" + f.customer(), null));
        routes.add(new Route("POST", "/v1/subscriptions", Auth.ADMIN, json, none, null, "{\"id\":\"hxs_{n}\","
            + "\"customer_id\":\"hxc_{n}\",\"plan\":\"" + f.plan() + "\",\"billing_time\":\"calendar\",\"seats\":2,"
            + "\"started_at\":\"" + yesterday + "\",\"add_ons\":[{\"code\":\"" + f.addon() + "\",\"quantity\":1}],"
            + "\"coupons\":[\"" + f.coupon() + "\"],\"spend_limit\":\"500\",\"spend_thresholds\":[\"250\"]}"));
        routes.add(new Route("GET", "/v1/subscriptions/{id}", Auth.ADMIN, null, Map.of("id", f.subscription()), null,
            null));
        // Each plan change names the subscription the next DELETE ends, so that the valid requests sent in
        // order end one subscription and change the plan of another rather than both of the same one.
        final List<String> endables = f.endableSubscriptions();
        for (int i = 0; i < endables.size(); i++) {
            routes.add(new Route("DELETE", "/v1/subscriptions/{id}", Auth.ADMIN, null, Map.of("id", endables.get(i)),
                null, null));
            final String changed = endables.get((i + 1) % endables.size());
            routes.add(new Route("POST", "/v1/subscriptions/{id}/plan-change", Auth.ADMIN, json, Map.of("id", changed),
                null, "{\"id\":\"hxpc_{n}\",\"plan\":\"" + f.plan() + "\",\"billing_time\":\"anniversary\",\"seats\":1,"
                    + "\"add_ons\":[{\"code\":\"" + f.addon() + "\",\"quantity\":2}],\"coupons\":[]}"));
        }
        routes.add(new Route("GET", "/v1/coupons", Auth.ADMIN, null, none, null, null));
        routes.add(new Route("POST", "/v1/coupons", Auth.ADMIN, json, none, null, "{\"code\":\"hxk_{n}\"," + coupon + "}"));
        routes.add(new Route("POST", "/v1/coupons", Auth.ADMIN, json, none, null, "{\"code\":\"hxf_{n}\"," + fixedCoupon
            + "}"));
        routes.add(new Route("GET", "/v1/coupons/{code}", Auth.ADMIN, null, Map.of("code", f.coupon()), null, null));
        routes.add(new Route("PUT", "/v1/coupons/{code}", Auth.ADMIN, json, Map.of("code", f.coupon()), null,
            "{\"code\":\"" + f.coupon() + "\"," + coupon + "}"));
        routes.add(new Route("GET", "/v1/addons", Auth.ADMIN, null, none, null, null));
        routes.add(new Route("POST", "/v1/addons", Auth.ADMIN, json, none, null, "{\"code\":\"hxa_{n}\"," + addon + "}"));
        routes.add(new Route("GET", "/v1/addons/{code}", Auth.ADMIN, null, Map.of("code", f.addon()), null, null));
        routes.add(new Route("PUT", "/v1/addons/{code}", Auth.ADMIN, json, Map.of("code", f.addon()), null,
            "{\"code\":\"" + f.addon() + "\"," + addon + "}"));
        routes.add(new Route("POST", "/v1/charges/estimate", Auth.ADMIN, json, none, null,
            "{\"model\":\"standard\",\"properties\":{\"amount\":\"0.002\"},\"units\":\"125\"}"));
        routes.add(new Route("POST", "/v1/charges/estimate", Auth.ADMIN, json, none, null,
            "{\"model\":\"graduated\",\"properties\":{\"graduated_ranges\":[{\"from_value\":0,\"to_value\":10,"
                + "\"per_unit_amount\":\"1\",\"flat_amount\":\"0\"},{\"from_value\":10,\"to_value\":null,"
                + "\"per_unit_amount\":\"0.5\",\"flat_amount\":\"2\"}]},\"events\":[\"4\",\"9.5\",\"20\"]}"));
        routes.add(new Route("POST", "/v1/charges/estimate", Auth.ADMIN, json, none, null,
            "{\"model\":\"percentage\",\"properties\":{\"rate\":\"1.3\",\"fixed_amount\":\"2\","
                + "\"free_units_per_events\":1},\"events\":[\"50\",\"100\"]}"));
        routes.add(new Route("POST", "/v1/events", Auth.INGEST, json, none, null, event));
        routes.add(new Route("POST", "/v1/events", Auth.INGEST, "application/cloudevents+json", none, null, cloudEvent));
        routes.add(new Route("POST", "/v1/events/batch", Auth.INGEST, json, none, null, "{\"events\":["
            + event + "," + event.replace("hxe_{n}", "hxe_{n}_b") + "," + event.replace("hxe_{n}", "hxe_{n}_c") + "]}"));
        routes.add(new Route("POST", "/v1/events/batch", Auth.INGEST, "application/cloudevents-batch+json", none, null,
            "[" + cloudEvent + "," + cloudEvent.replace("hxce_{n}", "hxce_{n}_b") + "]"));
        routes.add(new Route("GET", "/v1/customers/{customerId}/usage", Auth.ANY, null,
            Map.of("customerId", f.customer()), null, null));
        routes.add(new Route("GET", "/v1/customers/{customerId}/entitlements/{name}", Auth.ANY, null,
            Map.of("customerId", f.customer(), "name", f.meter()), null, null));
        routes.add(new Route("GET", "/v1/customers/{customerId}/entitlements/{name}", Auth.ANY, null,
            Map.of("customerId", f.groupedCustomer(), "name", f.groupedMeter()), null, null));
        routes.add(new Route("GET", "/v1/customers/{customerId}/entitlements/{name}", Auth.ANY, null,
            Map.of("customerId", f.groupedCustomer(), "name", f.groupedMeter()), "?group%5Bregion%5D=eu", null));
        routes.add(new Route("GET", "/v1/customers/{customerId}/credits", Auth.ANY, null,
            Map.of("customerId", f.customer()), null, null));
        routes.add(new Route("POST", "/v1/customers/{customerId}/credit-grants", Auth.ADMIN, json,
            Map.of("customerId", f.customer()), null, "{\"id\":\"hxg_{n}\",\"amount\":\"5\",\"currency\":\"USD\","
                + "\"priority\":1,\"low_balance_alert\":{\"percent\":\"10\"}}"));
        routes.add(new Route("GET", "/v1/customers/{customerId}/events/{eventId}", Auth.ANY, null,
            Map.of("customerId", f.customer(), "eventId", f.ratedEventId()), null, null));
        routes.add(new Route("GET", "/v1/subscriptions/{subscriptionId}/statements", Auth.ADMIN, null,
            Map.of("subscriptionId", f.statementSubscription()), null, null));
        routes.add(new Route("GET", "/v1/subscriptions/{subscriptionId}/statements/upcoming", Auth.ADMIN, null,
            Map.of("subscriptionId", f.statementSubscription()), null, null));
        routes.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/refunds", Auth.ADMIN, json,
            Map.of("subscriptionId", f.statementSubscription()), null, "{\"id\":\"hxr_{n}\",\"statement_id\":\""
                + f.statementId() + "\",\"amount\":\"0.01\",\"reason\":\"goodwill\"}"));
        routes.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/rerate", Auth.ADMIN, json,
            Map.of("subscriptionId", f.statementSubscription()), null, "{\"id\":\"hxrr_{n}\",\"period_start\":\""
                + f.statementPeriodStart() + "\",\"plan_version\":1}"));
        return routes;
    }
}
