package dev.tollgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One seed plan of the demo, as docs/seed-mapping.md maps it: its meters and plan (API bodies), the
 * customer subscribed to it, and the events its producer sends. {@code terminate} marks the
 * subscription the demo ends, to show its final statement.
 */
record DemoSeed(String seed, List<JsonNode> meters, JsonNode plan, ObjectNode subscription, boolean terminate,
                List<EventTemplate> events) {

    private static final String RESOURCE = "demo/seeds.json";

    String planCode() {
        return plan.get("code").asText();
    }

    String customerId() {
        return subscription.get("customer_id").asText();
    }

    String subscriptionId() {
        return "sub-" + customerId();
    }

    /** The body of {@code POST /v1/subscriptions}: the seed's fields, the plan and an id. */
    ObjectNode subscriptionBody() {
        final ObjectNode body = subscription.deepCopy();
        body.put("id", subscriptionId());
        body.put("plan", planCode());
        return body;
    }

    static List<DemoSeed> load() {
        final JsonNode seeds;
        try (InputStream in = DemoSeed.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            seeds = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        final List<DemoSeed> loaded = new ArrayList<>();
        for (final JsonNode seed : seeds) {
            final List<EventTemplate> events = new ArrayList<>();
            seed.get("events").forEach(event -> events.add(new EventTemplate(event.get("type").asText(),
                event.get("properties"))));
            final List<JsonNode> meters = new ArrayList<>();
            seed.get("meters").forEach(meters::add);
            loaded.add(new DemoSeed(seed.get("seed").asText(), meters, seed.get("plan"),
                (ObjectNode) seed.get("subscription"), seed.path("terminate").asBoolean(false), events));
        }
        if (loaded.stream().filter(DemoSeed::terminate).count() != 1) {
            throw new IllegalStateException(RESOURCE + " must mark exactly one seed to terminate");
        }
        return loaded;
    }
}
