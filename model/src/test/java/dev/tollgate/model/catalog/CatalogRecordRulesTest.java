package dev.tollgate.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogRecordRulesTest {

    private static Plan plan(final String properties) {
        final String json = "{\"code\":\"p\",\"status\":\"ACTIVE\",\"versions\":[{\"version\":1,"
            + "\"effective_from\":\"2026-01-01T00:00:00Z\",\"interval\":\"monthly\",\"currency\":\"USD\","
            + "\"charges\":[{\"code\":\"c\",\"meter\":\"m\",\"model\":\"standard\",\"properties\":" + properties
            + "}]}]}";
        return Topics.PLANS.valueSerde().deserializer().deserialize(Topics.PLANS.name(),
            json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseARecordItCouldReadButNotWriteAgain() {
        final List<String> problems = CatalogRecordRules.problems(plan("{\"amount\":1E+10000}"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("cannot be written again as JSON"), problems.get(0));
    }

    @Test
    void shouldApplyAPlanWhoseNumbersCanBeWrittenAgain() {
        assertEquals(List.of(), CatalogRecordRules.problems(plan("{\"amount\":\"0.002\"}")));
    }
}
