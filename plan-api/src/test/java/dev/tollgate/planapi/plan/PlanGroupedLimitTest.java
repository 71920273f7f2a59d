package dev.tollgate.planapi.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.ChargeLimit;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A charge with pricing_group_keys takes a limit and thresholds, which the rater applies to each group. */
class PlanGroupedLimitTest {

    private static final String GROUPED = "\"model\": \"standard\", "
        + "\"properties\": {\"amount\": \"0.01\", \"pricing_group_keys\": [\"region\"]}";

    @Test
    void shouldTakeALimitAndThresholdsOnAGroupedCharge() throws JsonProcessingException {
        final PlanVersion version = read("""
            {"code": "capped", "meter": "calls", %s, "limit": {"units": "100"}, "thresholds": [50, "80"]}"""
            .formatted(GROUPED));
        final Charge charge = version.charges().get(0);
        assertEquals(new ChargeLimit(new BigDecimal("100"), true), charge.limit());
        assertEquals(List.of(new BigDecimal("50"), new BigDecimal("80")), charge.thresholds());
        assertEquals(List.of("region"), charge.properties().get("pricing_group_keys"));
    }

    @Test
    void shouldTakeAnUnenforcedLimitOnAGroupedCharge() throws JsonProcessingException {
        final Charge charge = read("""
            {"code": "watched", "meter": "calls", %s, "limit": {"units": "10", "enforce": false}}"""
            .formatted(GROUPED)).charges().get(0);
        assertEquals(new ChargeLimit(new BigDecimal("10"), false), charge.limit());
    }

    @Test
    void shouldStillCheckTheLimitOfAGroupedCharge() {
        final List<FieldError> errors = assertThrows(ProblemException.class, () -> read("""
            {"code": "capped", "meter": "calls", %s, "limit": {"units": "-1"}, "thresholds": [120]}"""
            .formatted(GROUPED))).problem().errors();
        assertEquals(List.of("charges[0].limit.units", "charges[0].thresholds"),
            errors.stream().map(FieldError::field).toList());
    }

    private static PlanVersion read(final String charges) throws JsonProcessingException {
        return PlanReader.read(Json.tree(("{\"code\": \"p\", \"name\": \"P\", \"interval\": \"monthly\", "
            + "\"currency\": \"USD\", \"amount\": \"1\", \"charges\": [" + charges + "]}")
            .getBytes(StandardCharsets.UTF_8)), "p", 1, Instant.EPOCH, meter -> true, Instant.EPOCH);
    }
}
