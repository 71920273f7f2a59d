package dev.tollgate.planapi.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An event is priced by at most one charge per meter: the plan API refuses charges that could share one. */
class PlanChargeConflictTest {

    private static final String STANDARD = "\"model\": \"standard\", \"properties\": {\"amount\": \"1\"}";

    @Test
    void shouldTakeADefaultChargeBesideExclusiveFilteredOnes() throws JsonProcessingException {
        final PlanVersion version = read("""
            {"code": "inbound", "meter": "calls", %1$s, "filters": {"direction": ["inbound"]}},
            {"code": "outbound", "meter": "calls", %1$s, "filters": {"direction": ["outbound"]}},
            {"code": "other", "meter": "calls", %1$s},
            {"code": "sms", "meter": "sms", %1$s}""".formatted(STANDARD));
        assertEquals(4, version.charges().size());
    }

    @Test
    void shouldRefuseTwoFiltersThatOneEventCouldMatch() {
        final List<FieldError> errors = refused("""
            {"code": "inbound", "meter": "calls", %1$s, "filters": {"direction": ["inbound"]}},
            {"code": "eu", "meter": "calls", %1$s, "filters": {"region": ["eu"]}}""".formatted(STANDARD));
        assertEquals(1, errors.size());
        assertEquals("charges[1].filters", errors.get(0).field());
        assertEquals(true, errors.get(0).message().contains("charges[0] (inbound)"), errors.get(0).message());
    }

    @Test
    void shouldRefuseTwoChargesWithoutFiltersOnOneMeter() {
        final List<FieldError> errors = refused("""
            {"code": "a", "meter": "calls", %1$s},
            {"code": "b", "meter": "sms", %1$s},
            {"code": "c", "meter": "calls", %1$s}""".formatted(STANDARD));
        assertEquals(List.of("charges[2].filters"), errors.stream().map(FieldError::field).toList());
    }

    private static PlanVersion read(final String charges) throws JsonProcessingException {
        return PlanReader.read(Json.tree(("{\"code\": \"p\", \"name\": \"P\", \"interval\": \"monthly\", "
            + "\"currency\": \"USD\", \"amount\": \"1\", \"charges\": [" + charges + "]}")
            .getBytes(StandardCharsets.UTF_8)), "p", 1, Instant.EPOCH, meter -> true, Instant.EPOCH);
    }

    private static List<FieldError> refused(final String charges) {
        return assertThrows(ProblemException.class, () -> read(charges)).problem().errors();
    }
}
