package dev.tollgate.planapi.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.http.problem.ProblemException;
import dev.tollgate.model.catalog.PlanFee;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.json.Json;
import dev.tollgate.pricing.validation.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan's fees beside its base price: each on an interval that ends with the plan's periods. */
class PlanFeesReaderTest {

    private static PlanVersion read(final String interval, final String fees) {
        return PlanReader.read(tree(("{\"code\": \"p\", \"name\": \"P\", \"interval\": \"" + interval + "\", "
            + "\"currency\": \"USD\", \"amount\": \"10\", \"fees\": [" + fees + "]}")
            .getBytes(StandardCharsets.UTF_8)), "p", 1, Instant.EPOCH, meter -> true, Instant.EPOCH);
    }

    private static JsonNode tree(final byte[] json) {
        try {
            return Json.tree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<FieldError> refused(final String interval, final String fees) {
        return assertThrows(ProblemException.class, () -> read(interval, fees)).problem().errors();
    }

    @Test
    void shouldReadAYearlyFeeBesideAMonthlyBase() {
        final PlanVersion version = read("monthly", """
            {"code": "platform", "name": "Platform", "invoice_display_name": "Platform fee", "amount": "120",
             "interval": {"unit": "year", "frequency": 1}},
            {"code": "quarterly_review", "amount": "30", "interval": {"unit": "month", "frequency": 3}}""");
        assertEquals(List.of(new PlanFee("platform", "Platform", "Platform fee", new BigDecimal("120"),
            new PlanFee.FeeInterval("year", 1)), new PlanFee("quarterly_review", null, null, new BigDecimal("30"),
            new PlanFee.FeeInterval("month", 3))), version.fees());
    }

    @Test
    void shouldTakeAnyIntervalOnADailyPlan() {
        assertEquals(3, read("daily", """
            {"code": "w", "amount": "1", "interval": {"unit": "week"}},
            {"code": "m", "amount": "1", "interval": {"unit": "month"}},
            {"code": "d", "amount": "1", "interval": {"unit": "day", "frequency": 14}}""").fees().size());
    }

    @Test
    void shouldRefuseAFeeWhosePeriodsDoNotEndWithThePlans() {
        final List<FieldError> errors = refused("monthly", """
            {"code": "weekly", "amount": "1", "interval": {"unit": "week", "frequency": 1}},
            {"code": "fortnight", "amount": "1", "interval": {"unit": "day", "frequency": 14}}""");
        assertEquals(List.of("fees[0].interval", "fees[1].interval"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().contains("whole periods of the plan (month x 1)"), errors.get(0).message());
        assertEquals(List.of("fees[0].interval"), refused("quarterly", """
            {"code": "y", "amount": "1", "interval": {"unit": "month", "frequency": 2}}""").stream()
            .map(FieldError::field).toList());
    }

    @Test
    void shouldNameEveryFieldAtFault() {
        final List<FieldError> errors = refused("monthly", """
            {"code": "seats", "amount": "-1", "interval": {"unit": "hour", "frequency": 0}, "bill_timing": "x"},
            {"code": "p", "amount": "1", "interval": {"unit": "year", "frequency": 1}},
            {"code": "a", "amount": "1", "interval": {"unit": "year"}},
            {"code": "a", "amount": "2", "interval": {"unit": "year"}},
            {"code": "b", "amount": "1"}""");
        assertEquals(List.of("fees[0].bill_timing", "fees[0].code", "fees[0].amount", "fees[0].interval.frequency",
            "fees[0].interval.unit", "fees[1].code", "fees[3].code", "fees[4].interval"),
            errors.stream().map(FieldError::field).toList());
    }
}
