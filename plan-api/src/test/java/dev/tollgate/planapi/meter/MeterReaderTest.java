package dev.tollgate.planapi.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MeterReaderTest {

    @Test
    void shouldTakeAllowNegativeOnASumMeterOnly() throws JsonProcessingException {
        assertTrue(MeterReader.read(body("{\"code\": \"c\", \"event_type\": \"e\", \"aggregation\": \"sum\","
            + " \"field\": \"n\", \"allow_negative\": true}")).allowNegative());
        assertFalse(MeterReader.read(body("{\"code\": \"c\", \"event_type\": \"e\", \"aggregation\": \"sum\","
            + " \"field\": \"n\"}")).allowNegative());

        final FieldError onMax = assertThrows(ProblemException.class, () -> MeterReader.read(body(
            "{\"code\": \"c\", \"event_type\": \"e\", \"aggregation\": \"max\", \"field\": \"n\","
                + " \"allow_negative\": true}"))).problem().errors().get(0);
        assertEquals("allow_negative", onMax.field());
        final FieldError notBoolean = assertThrows(ProblemException.class, () -> MeterReader.read(body(
            "{\"code\": \"c\", \"event_type\": \"e\", \"aggregation\": \"sum\", \"field\": \"n\","
                + " \"allow_negative\": \"yes\"}"))).problem().errors().get(0);
        assertEquals("allow_negative", notBoolean.field());
    }

    @Test
    void shouldTakeRecurringOnALatestMeterOnly() throws JsonProcessingException {
        assertTrue(MeterReader.read(body("{\"code\": \"bots\", \"event_type\": \"e\", \"aggregation\": \"latest\","
            + " \"field\": \"count\", \"recurring\": true}")).recurring());
        assertFalse(MeterReader.read(body("{\"code\": \"bots\", \"event_type\": \"e\", \"aggregation\": \"latest\","
            + " \"field\": \"count\"}")).recurring());

        final FieldError onSum = assertThrows(ProblemException.class, () -> MeterReader.read(body(
            "{\"code\": \"c\", \"event_type\": \"e\", \"aggregation\": \"sum\", \"field\": \"n\","
                + " \"recurring\": true}"))).problem().errors().get(0);
        assertEquals("recurring", onSum.field());
        assertTrue(onSum.message().startsWith("applies to latest meters only"), onSum.message());
    }

    private static JsonNode body(final String json) throws JsonProcessingException {
        return Json.tree(json.getBytes(StandardCharsets.UTF_8));
    }
}
