package dev.tollgate.model.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.topic.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An alert names the group whose aggregate crossed the threshold; an ungrouped charge's alert has none. */
class UsageAlertJsonTest {

    private static final Period MARCH = new Period(Instant.parse("2026-03-01T00:00:00Z"),
        Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void shouldWriteTheGroupAndReadItBack() throws Exception {
        final UsageAlert alert = alert(Arrays.asList("eu", null));
        final byte[] written = Topics.USAGE_ALERTS.valueSerde().serializer().serialize("t", alert);
        final JsonNode json = Json.mapper().readTree(written);
        assertEquals("eu", json.get("group").get(0).asText());
        assertTrue(json.get("group").get(1).isNull(), "a missing property is a null value of the group");
        assertEquals("per_region", json.get("charge").asText());
        assertEquals(alert, Topics.USAGE_ALERTS.valueSerde().deserializer().deserialize("t", written));
    }

    @Test
    void shouldLeaveTheGroupOutForAnUngroupedCharge() throws Exception {
        final JsonNode json = Json.mapper().readTree(Json.write(alert(null)));
        // The mapper leaves nulls out, as it does for a rated usage's group.
        assertTrue(!json.has("group") && json.has("charge"), json.toString());
    }

    private static UsageAlert alert(final List<String> group) {
        return new UsageAlert("acme", "sub_1", "per_region", group, "seconds", MARCH, UsageAlert.Kind.THRESHOLD,
            new BigDecimal("80"), new BigDecimal("85"), new BigDecimal("100"), "e1",
            Instant.parse("2026-03-10T12:00:00Z"), null);
    }
}
