package dev.tollgate.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.model.json.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DemoSeedTest {

    @Test
    void shouldLoadTheFiveSeedPlansEachWithItsCustomerAndOneToTerminate() {
        final List<DemoSeed> seeds = DemoSeed.load();
        assertEquals(List.of("000", "001", "002", "003", "004"),
            seeds.stream().map(seed -> seed.seed().substring(0, 3)).toList());
        assertEquals(List.of("starter", "basic", "standard-tier", "usage", "basic_plan"),
            seeds.stream().map(DemoSeed::planCode).toList());
        assertEquals(List.of("sub-acme-voice"), seeds.stream().filter(DemoSeed::terminate)
            .map(DemoSeed::subscriptionId).toList());
        final ObjectNode console = seeds.get(1).subscriptionBody();
        assertEquals("{\"customer_id\":\"tenant-jakarta\",\"seats\":3,\"id\":\"sub-tenant-jakarta\",\"plan\":\"basic\"}",
            console.toString());
    }

    @Test
    void shouldDrawEachPropertyFromItsListOrRangeAndKeepLiterals() throws Exception {
        final EventTemplate template = new EventTemplate("call_ended", Json.mapper().readTree(
            "{\"direction\": [\"inbound\", \"outbound\"], \"seconds\": {\"min\": 30, \"max\": 32}, \"note\": \"x\"}"));
        final Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            final JsonNode drawn = template.draw(random);
            assertTrue(List.of("inbound", "outbound").contains(drawn.get("direction").asText()), drawn.toString());
            final long seconds = drawn.get("seconds").asLong();
            assertTrue(seconds >= 30 && seconds <= 32, drawn.toString());
            assertEquals("x", drawn.get("note").asText());
        }
    }
}
