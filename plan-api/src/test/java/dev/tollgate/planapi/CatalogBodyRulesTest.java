package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.create;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.testkit.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every catalog body may carry: only the fields of its kind (a misspelt or future field is a 422
 * naming it, never a silent default), only the properties of its charge model, decimals within the
 * bounds, and free-form attributes that can be written and read back.
 */
class CatalogBodyRulesTest {

    private static final TestHttp http = CatalogApi.shared().http();
    private static final String RUN = unique("rules");
    private static final String METER = RUN + "-meter";
    private static final String PLAN = RUN + "-plan";
    private static final String SUBSCRIPTION = RUN + "-sub";
    private static final String COUPON = RUN + "-coupon";
    private static final String ADDON = RUN + "-addon";
    private static final String DIGITS = "9".repeat(5_000);

    @BeforeAll
    static void catalog() {
        create(http, "/v1/meters", """
            {"code": "%s", "event_type": "call", "aggregation": "sum", "field": "seconds"}""".formatted(METER));
        create(http, "/v1/plans", plan(PLAN, "", ""));
        create(http, "/v1/subscriptions", """
            {"id": "%s", "customer_id": "%s", "plan": "%s"}""".formatted(SUBSCRIPTION, RUN, PLAN));
        create(http, "/v1/coupons", """
            {"code": "%s", "coupon_type": "percentage", "percentage_rate": 5}""".formatted(COUPON));
        create(http, "/v1/addons", """
            {"code": "%s", "name": "Support", "currency": "USD", "monthly_amount": "9"}""".formatted(ADDON));
    }

    /** A valid plan body with {@code extra} among its fields and {@code chargeExtra} in its one charge. */
    private static String plan(final String code, final String extra, final String chargeExtra) {
        return """
            {"code": "%s", "name": "Rules", "interval": "monthly", "currency": "USD", "amount": "5" %s,
             "charges": [{"meter": "%s", "model": "standard", "properties": {"amount": "0.01"} %s}]}
            """.formatted(code, extra, METER, chargeExtra);
    }

    /** method, path, body, the field refused, the start of its message. */
    static Stream<Arguments> unknownFields() {
        return Stream.of(
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"bill_timming\": \"in_advance\"", ""),
                "bill_timming", "is not a field of a plan; did you mean bill_timing?"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"tax_codes\": [\"vat\"]", ""),
                "tax_codes", "is not a field of a plan; it takes amount, attributes, bill_timing"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), "", ", \"bill_timming\": \"in_advance\""),
                "charges[0].bill_timming", "is not a field of a charge; it takes code, description, filters"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), "", ", \"pay_in_advance\": true"),
                "charges[0].pay_in_advance", "is not a field of a charge"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), "", ", \"limit\": {\"units\": 5, \"enforced\": true}"),
                "charges[0].limit.enforced", "is not a field of a limit; did you mean enforce?"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"version\": 3", ""),
                "version", "is set by Tollgate and cannot be written; leave it out"),
            Arguments.of("PUT", "/v1/plans/" + PLAN, plan(PLAN, ", \"created_at\": \"2026-01-01T00:00:00Z\"", ""),
                "created_at", "is set by Tollgate and cannot be written"),
            Arguments.of("PUT", "/v1/plans/" + PLAN, plan(PLAN, ", \"active_subscriptions\": 2", ""),
                "active_subscriptions", "is set by Tollgate and cannot be written"),
            Arguments.of("POST", "/v1/meters", """
                {"code": "%s", "event_type": "call", "aggregation": "count", "agregation": "sum"}""".formatted(unique("m")),
                "agregation", "is not a field of a meter; did you mean aggregation?"),
            Arguments.of("POST", "/v1/subscriptions", """
                {"id": "%s", "customer_id": "c", "plan": "%s", "coupon": "%s"}""".formatted(unique("s"), PLAN, COUPON),
                "coupon", "is not a field of a subscription; did you mean coupons?"),
            Arguments.of("POST", "/v1/subscriptions", """
                {"id": "%s", "customer_id": "c", "plan": "%s", "add_ons": [{"code": "%s", "qty": 2}]}"""
                    .formatted(unique("s"), PLAN, ADDON),
                "add_ons[0].qty", "is not a field of an add-on of a subscription; it takes code, quantity"),
            Arguments.of("POST", "/v1/subscriptions/" + SUBSCRIPTION + "/plan-change", """
                {"plan": "%s", "effective_at": "2030-01-01T00:00:00Z"}""".formatted(PLAN),
                "effective_at", "is not a field of a plan change"),
            Arguments.of("POST", "/v1/coupons", """
                {"code": "%s", "coupon_type": "percentage", "percentage_rate": 5, "expiration_at": "2030-01-01"}"""
                    .formatted(unique("c")),
                "expiration_at", "is not a field of a coupon"),
            Arguments.of("POST", "/v1/coupons", """
                {"code": "%s", "coupon_type": "percentage", "percentage_rate": 5, "current_uses": 0}"""
                    .formatted(unique("c")),
                "current_uses", "is set by Tollgate"),
            Arguments.of("POST", "/v1/addons", """
                {"code": "%s", "name": "A", "currency": "USD", "monthly_amount": "1", "amount_cents": 100}"""
                    .formatted(unique("a")),
                "amount_cents", "is not a field of an add-on"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"\\ud800\\u0007\": 1", ""),
                "\\ud800\\u0007", "is not a field of a plan"));
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("unknownFields")
    void shouldRefuseAFieldItsBodyDoesNotTake(final String method, final String path, final String body,
                                             final String field, final String message) {
        final JsonNode error = onlyError(send(method, path, body), field);
        assertTrue(error.get("message").asText().startsWith(message), error.toString());
    }

    /** method, path, body, the field past the bounds. */
    static Stream<Arguments> decimalsPastTheBounds() {
        return Stream.of(
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"seat_price\": \"1e-10000\"", ""), "seat_price"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"yearly_amount\": \"1e1000000\"", ""),
                "yearly_amount"),
            Arguments.of("POST", "/v1/plans", """
                {"code": "%s", "name": "R", "interval": "monthly", "currency": "USD", "amount": "%s"}"""
                    .formatted(unique("p"), "1" + "0".repeat(40)), "amount"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"credits\": {\"minutes\": 1e400}", ""),
                "credits.minutes"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), "", ", \"limit\": {\"units\": \"" + DIGITS + "\"}"),
                "charges[0].limit.units"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), "", ", \"limit\": {\"units\": 10},"
                + " \"thresholds\": [\"1e-40\"]"), "charges[0].thresholds"),
            Arguments.of("POST", "/v1/plans", """
                {"code": "%s", "name": "R", "interval": "monthly", "currency": "USD",
                 "charges": [{"meter": "%s", "model": "standard", "properties": {"amount": "1e-10000"}}]}"""
                    .formatted(unique("p"), METER), "charges[0].properties.amount"),
            Arguments.of("POST", "/v1/plans", plan(unique("p"), ", \"attributes\": {\"n\": 1e1000000}", ""),
                "attributes.n"),
            Arguments.of("POST", "/v1/coupons", """
                {"code": "%s", "coupon_type": "fixed_amount", "amount": "%s", "currency": "USD"}"""
                    .formatted(unique("c"), DIGITS.substring(0, 900)), "amount"),
            Arguments.of("POST", "/v1/coupons", """
                {"code": "%s", "coupon_type": "percentage", "percentage_rate": "5e-31"}"""
                    .formatted(unique("c")), "percentage_rate"),
            Arguments.of("POST", "/v1/addons", """
                {"code": "%s", "name": "A", "currency": "USD", "monthly_amount": "1e-10000"}"""
                    .formatted(unique("a")), "monthly_amount"),
            Arguments.of("PUT", "/v1/addons/" + ADDON, """
                {"name": "A", "currency": "USD", "monthly_amount": "1", "yearly_amount": "1e31"}""", "yearly_amount"));
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("decimalsPastTheBounds")
    void shouldRefuseADecimalPastTheBounds(final String method, final String path, final String body,
                                          final String field) {
        assertEquals(Decimals.BOUNDS_MESSAGE, onlyError(send(method, path, body), field).get("message").asText());
    }

    /** plan fields, the field refused, the start of its message. */
    static Stream<Arguments> hostileValues() {
        final String deep = "{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": 1}}}}}}";
        return Stream.of(
            Arguments.of(", \"attributes\": " + deep, "attributes.a.b.c.d.e", "must nest at most 5 levels deep"),
            Arguments.of(", \"attributes\": {\"s\": \"half \\ud800 a pair\"}", "attributes.s", "must be valid Unicode"),
            Arguments.of(", \"attributes\": {\"\\udc00\": 1}", "attributes.\\udc00", "keys must be 1 to 128"),
            Arguments.of(", \"attributes\": {\"s\": \"" + "x".repeat(1025) + "\"}", "attributes.s",
                "must be at most 1024 characters"),
            Arguments.of(", \"attributes\": {\"list\": [" + "1,".repeat(1000) + "1]}", "attributes.list[998]",
                "must hold at most 1000 values in all"),
            Arguments.of(", \"features\": {\"\\ud800\": true}", "features.\\ud800", "must name a feature"),
            Arguments.of(", \"credits\": {\"\\u0000\": 5}", "credits.\\u0000", "must name a credit"),
            Arguments.of(", \"description\": \"\\udfff\"", "description", "must be valid Unicode"),
            Arguments.of(", \"invoice_display_name\": \"" + "n".repeat(1025) + "\"", "invoice_display_name",
                "must be at most 1024 characters"),
            Arguments.of(", \"lookup_key\": \"" + "k".repeat(257) + "\"", "lookup_key", "must be at most 256"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hostileValues")
    void shouldRefuseAValueThatCouldNotBeWrittenBack(final String extra, final String field, final String message) {
        final JsonNode error = onlyError(send("POST", "/v1/plans", plan(unique("p"), extra, "")), field);
        assertTrue(error.get("message").asText().startsWith(message), error.toString());
    }

    @Test
    void shouldRefuseInstantsNoBillingPeriodCouldReach() {
        final JsonNode subscription = invalid(send("POST", "/v1/subscriptions", """
            {"id": "%s", "customer_id": "c", "plan": "%s", "started_at": "+1000000000-01-01T00:00:00Z"}"""
            .formatted(unique("s"), PLAN)));
        assertEquals(List.of("started_at"), fields(subscription));
        assertEquals("must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z",
            subscription.get("errors").get(0).get("message").asText());
        assertEquals(List.of("valid_until"), fields(invalid(send("POST", "/v1/coupons", """
            {"code": "%s", "coupon_type": "percentage", "percentage_rate": 5, "valid_until": "+10000-01-01T00:00:00Z"}"""
            .formatted(unique("c"))))));
        assertEquals(List.of("effective_from"), fields(invalid(send("POST", "/v1/plans",
            plan(unique("p"), ", \"effective_from\": \"1969-12-31T23:59:59Z\"", "")))));
    }

    @Test
    void shouldRefuseChargeFiltersThatCouldNotBeWrittenBack() {
        final JsonNode problem = invalid(send("POST", "/v1/plans", plan(unique("p"), "",
            ", \"filters\": {\"\\ud800\": [\"a\"], \"direction\": [\"in\\udc00\"], \"n\": [1e1000000]}")));
        assertEquals(List.of("charges[0].filters.\\ud800", "charges[0].filters.direction", "charges[0].filters.n"),
            fields(problem));
    }

    @Test
    void shouldCollectEveryErrorOfAPlanAndItsCharges() {
        final JsonNode problem = invalid(send("POST", "/v1/plans", """
            {"code": "%s", "name": "R", "interval": "monthly", "currency": "USD", "amount": "-1", "colour": "red",
             "charges": [{"meter": "%s", "model": "standard", "properties": {"amount": "1", "free_units": 10},
                          "bill_timming": "x"},
                         {"meter": "%s", "model": "volume", "properties": {"volume_ranges": [
                           {"from_value": 0, "to_value": null, "per_unit_amount": "1", "flat_amount": "0"}],
                          "package_size": 10}}]}""".formatted(unique("p"), METER, METER)));
        assertEquals(List.of("colour", "amount", "charges[0].bill_timming", "charges[0].properties.free_units",
            "charges[1].properties.package_size"), fields(problem));
    }

    @Test
    void shouldReportEveryErrorOfAPlanWithoutACode() {
        final JsonNode problem = invalid(send("POST", "/v1/plans", """
            {"name": "R", "interval": "hourly", "currency": "USD", "bill_timming": "in_advance"}"""));
        assertEquals(List.of("code", "bill_timming", "interval"), fields(problem));
    }

    @Test
    void shouldNameTheFirstTwentyUnknownFieldsAndSayThereAreMore() {
        final StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            extra.append(", \"f").append(i).append("\": ").append(i);
        }
        final List<String> fields = fields(invalid(send("POST", "/v1/plans", plan(unique("p"), extra.toString(), ""))));
        assertEquals(21, fields.size(), fields::toString);
        assertEquals("f0", fields.get(0));
        assertEquals("body", fields.get(20));
    }

    @Test
    void shouldWriteAndReadBackEveryValueItAccepts() {
        final String code = unique("kept");
        final String body = """
            {"code": "%s", "name": "Ünïcode ✓ 🚀 %s", "description": "tab\\t newline\\n bell\\u0007 nul\\u0000",
             "interval": "monthly", "currency": "USD", "amount": "%s",
             "attributes": {"a": {"b": {"c": {"d": [1, "🚀", null, true]}}}, "n": 123456789012345678901234567890.5,
                            "s": "%s", "k\\u00e9y": {"x": "\\ud83d\\ude80"}},
             "features": {"sso": true}, "credits": {"minutes": "%s"},
             "charges": [{"meter": "%s", "model": "package",
                          "properties": {"amount": "%s", "package_size": 10, "free_units": 0},
                          "filters": {"direction": ["inbound", "12"]}, "thresholds": [50, "99.5"],
                          "limit": {"units": "1000", "enforce": false}}]}"""
            .formatted(code, "x".repeat(900), "9".repeat(30) + "." + "9".repeat(30), "s".repeat(1024),
                "0." + "0".repeat(29) + "1", METER, "0.000000000000000000000000000001");
        final JsonNode created = create(http, "/v1/plans", body);
        CatalogApi.assertReadBackEqual(CatalogApi.json(body), created);
        CatalogApi.assertReadBackEqual(CatalogApi.json(body), CatalogApi.get(http, "/v1/plans/" + code));
    }

    @Test
    void shouldRefuseAVersionThatWouldMakeThePlanRecordTooLarge() {
        final String code = unique("big");
        final StringBuilder attributes = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            attributes.append(i == 0 ? "" : ", ").append("\"a").append(i).append("\": [\"")
                .append("x".repeat(1000)).append("\", \"").append("y".repeat(1000)).append("\", \"")
                .append("z".repeat(500)).append("\"]");
        }
        final String body = plan(code, ", \"attributes\": " + attributes.append('}'), "");
        create(http, "/v1/plans", body);
        final String version = body.replace("\"code\": \"" + code + "\",", "");
        assertEquals(200, http.put("/v1/plans/" + code, ADMIN, version, "\"1\"").status());
        assertEquals(200, http.put("/v1/plans/" + code, ADMIN, version, "\"2\"").status());
        final TestHttp.Answer tooLarge = http.put("/v1/plans/" + code, ADMIN, version, "\"3\"");
        assertEquals(409, tooLarge.status(), tooLarge.body());
        assertTrue(tooLarge.json().get("detail").asText().contains("archive this one"), tooLarge.body());
        assertEquals(3, CatalogApi.get(http, "/v1/plans/" + code).get("version").asInt());
    }

    private static TestHttp.Answer send(final String method, final String path, final String body) {
        return switch (method) {
            case "POST" -> http.post(path, ADMIN, body);
            case "PUT" -> http.put(path, ADMIN, body, "*");
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static JsonNode invalid(final TestHttp.Answer answer) {
        assertEquals(422, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type").orElseThrow());
        return answer.json();
    }

    private static List<String> fields(final JsonNode problem) {
        final List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    private static JsonNode onlyError(final TestHttp.Answer answer, final String field) {
        final JsonNode errors = invalid(answer).get("errors");
        assertEquals(1, errors.size(), answer.body());
        assertEquals(field, errors.get(0).get("field").asText(), answer.body());
        return errors.get(0);
    }
}
