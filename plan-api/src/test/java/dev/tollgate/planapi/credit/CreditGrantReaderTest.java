package dev.tollgate.planapi.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.CreditGrant;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditGrantReaderTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static CreditGrant read(final String body, final String header) throws Exception {
        return CreditGrantReader.read(Json.mapper().readTree(body), "acme", header, NOW);
    }

    @Test
    void shouldReadAGrantWithItsAlertAndDefaultPriority() throws Exception {
        final CreditGrant grant = read("{\"id\":\"g1\",\"amount\":\"25.50\",\"currency\":\"EUR\","
            + "\"expires_at\":\"2026-12-31T00:00:00Z\",\"low_balance_alert\":{\"percent\":20}}", null);
        assertEquals("g1", grant.id());
        assertEquals(new BigDecimal("25.50"), grant.amount());
        assertEquals(0, grant.priority());
        assertEquals(NOW, grant.grantedAt());
        assertEquals(0, new BigDecimal("5.1").compareTo(grant.lowBalanceLevel()));
    }

    @Test
    void shouldTakeTheIdFromTheIdempotencyKey() throws Exception {
        assertEquals("k1", read("{\"amount\":\"1\",\"currency\":\"USD\"}", "k1").id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"amount\":\"1\",\"currency\":\"USD\"}|id|is required",
        "{\"id\":\"g\",\"amount\":0,\"currency\":\"USD\"}|amount|must be more than zero",
        "{\"id\":\"g\",\"amount\":\"ten\",\"currency\":\"USD\"}|amount|must be a decimal number",
        "{\"id\":\"g\",\"amount\":\"1\",\"currency\":\"DOLLARS\"}|currency|must be an ISO 4217 code",
        "{\"id\":\"g\",\"amount\":\"1\",\"currency\":\"USD\",\"expires_at\":\"2026-03-01T00:00:00Z\"}|expires_at|must be in the future",
        "{\"id\":\"g\",\"amount\":\"1\",\"currency\":\"USD\",\"priority\":-1}|priority|must be a whole number",
        "{\"id\":\"g\",\"amount\":\"1\",\"currency\":\"USD\",\"low_balance_alert\":5}|low_balance_alert|must be an object",
        "{\"id\":\"g\",\"amount\":\"1\",\"currency\":\"USD\",\"low_balance_alert\":{\"percent\":120}}|low_balance_alert.percent|must be from 0 to 100",
        "{\"id\":\"g\",\"amount\":\"1\",\"currency\":\"USD\",\"low_balance_alert\":{}}|low_balance_alert.amount|give amount or percent",
        "{\"id\":\"g\",\"amount\":\"1\",\"currency\":\"USD\",\"used\":\"0\"}|used|",
    })
    void shouldRefuseABadGrantNamingTheField(final String body, final String field, final String message) {
        final ProblemException refused = assertThrows(ProblemException.class, () -> read(body, null));
        final FieldError error = refused.problem().errors().get(0);
        assertEquals(field, error.field(), refused.problem().errors().toString());
        if (message != null) {
            assertEquals(true, error.message().startsWith(message), error.message());
        }
    }

    @Test
    void shouldRefuseAnIdThatDiffersFromTheIdempotencyKey() {
        final ProblemException refused = assertThrows(ProblemException.class,
            () -> read("{\"id\":\"a\",\"amount\":\"1\",\"currency\":\"USD\"}", "b"));
        assertEquals("id", refused.problem().errors().get(0).field());
    }
}
