package dev.tollgate.planapi.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan version's money controls: its minimum commitment, spend limit and spend thresholds. */
class MoneyControlsReaderTest {

    private static PlanVersion read(final String fields) {
        return PlanReader.read(tree(("{\"code\": \"p\", \"name\": \"P\", \"interval\": \"monthly\", "
            + "\"currency\": \"USD\", \"amount\": \"10\"" + (fields.isEmpty() ? "" : ", " + fields) + "}")
            .getBytes(StandardCharsets.UTF_8)), "p", 1, Instant.EPOCH, meter -> true, Instant.EPOCH);
    }

    private static JsonNode tree(final byte[] json) {
        try {
            return Json.tree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<FieldError> refused(final String fields) {
        return assertThrows(ProblemException.class, () -> read(fields)).problem().errors();
    }

    @Test
    void shouldReadAMinimumCommitmentAsADecimalStringOrNumber() {
        assertEquals(new BigDecimal("250.00"), read("\"minimum_commitment\": \"250.00\"").minimumCommitment());
        assertEquals(new BigDecimal("99.5"), read("\"minimum_commitment\": 99.5").minimumCommitment());
        assertNull(read("").minimumCommitment());
    }

    @Test
    void shouldShowTheMinimumCommitmentAsTheBodyGaveIt() {
        final PlanVersion version = read("\"minimum_commitment\": \"250.00\"");
        assertEquals("250.00", Json.mapper().valueToTree(version).get("minimum_commitment").textValue());
    }

    @Test
    void shouldRefuseANegativeOrMistypedMinimumCommitment() {
        final List<FieldError> negative = refused("\"minimum_commitment\": \"-1\"");
        assertEquals(List.of(new FieldError("minimum_commitment", "must not be negative")), negative);
        final List<FieldError> mistyped = refused("\"minimum_commitment\": true");
        assertEquals(List.of("minimum_commitment"), mistyped.stream().map(FieldError::field).toList());
        assertEquals(List.of("minimum_commitment"), refused("\"minimum_commitment\": \"ten\"").stream()
            .map(FieldError::field).toList());
    }

    @Test
    void shouldReadASpendLimit() {
        final PlanVersion version = read("\"spend_limit\": \"500\", \"minimum_commitment\": \"100\"");
        assertEquals(new BigDecimal("500"), version.spendLimit());
        assertEquals(new BigDecimal("100"), version.minimumCommitment());
        assertEquals(BigDecimal.ZERO, read("\"spend_limit\": 0").spendLimit());
        assertNull(read("").spendLimit());
    }

    @Test
    void shouldRefuseANegativeOrMistypedSpendLimit() {
        assertEquals(List.of(new FieldError("spend_limit", "must not be negative")),
            refused("\"spend_limit\": \"-0.01\""));
        for (final String wrong : List.of("[100]", "{\"amount\": 100}", "\"100 USD\"", "false")) {
            assertEquals(List.of("spend_limit"), refused("\"spend_limit\": " + wrong).stream()
                .map(FieldError::field).toList(), wrong);
        }
    }

    @Test
    void shouldReadAscendingSpendThresholds() {
        assertEquals(List.of(new BigDecimal("100"), new BigDecimal("250.5"), new BigDecimal("1000")),
            read("\"spend_thresholds\": [\"100\", 250.50, \"1000\"]").spendThresholds());
        assertEquals(List.of(), read("").spendThresholds());
        assertEquals(List.of(), read("\"spend_thresholds\": []").spendThresholds());
    }

    @Test
    void shouldRefuseThresholdsNotInAscendingOrder() {
        final List<FieldError> errors = refused("\"spend_thresholds\": [\"100\", \"100\", \"50\"]");
        assertEquals(List.of("spend_thresholds[1]", "spend_thresholds[2]"),
            errors.stream().map(FieldError::field).toList());
        assertEquals("must be greater than the threshold before it (100): list thresholds in ascending order, "
            + "each once", errors.get(0).message());
    }

    @Test
    void shouldRefuseThresholdsThatAreNotPositiveAmounts() {
        assertEquals(List.of(new FieldError("spend_thresholds[0]", "must be greater than 0"),
            new FieldError("spend_thresholds[1]", "must be greater than 0")),
            refused("\"spend_thresholds\": [\"-5\", 0]"));
        assertEquals(List.of("spend_thresholds[1]", "spend_thresholds[2]"),
            refused("\"spend_thresholds\": [\"5\", true, {\"amount\": 10}]").stream()
                .map(FieldError::field).toList());
        for (final String wrong : List.of("\"100\"", "100", "{\"at\": 100}")) {
            assertEquals(List.of("spend_thresholds"), refused("\"spend_thresholds\": " + wrong).stream()
                .map(FieldError::field).toList(), wrong);
        }
    }
}
