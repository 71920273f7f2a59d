package dev.tollgate.planapi;

import static dev.tollgate.planapi.CatalogApi.ADMIN;
import static dev.tollgate.planapi.CatalogApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.TestHttp;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A coupon's or an add-on's PUT, like a plan's, must name the state it replaces in If-Match. */
class ReplacingWritesIfMatchTest {

    private static final TestHttp http = CatalogApi.shared().http();

    /** collection, a body to create (with %s for the code), a replacing body, another replacing body. */
    static Stream<Arguments> replaceable() {
        return Stream.of(
            Arguments.of("/v1/coupons", """
                {"code": "%s", "coupon_type": "percentage", "percentage_rate": 5}""",
                "{\"coupon_type\": \"percentage\", \"percentage_rate\": 10}",
                "{\"coupon_type\": \"percentage\", \"percentage_rate\": 15}"),
            Arguments.of("/v1/addons", """
                {"code": "%s", "name": "Support", "currency": "USD", "monthly_amount": "9"}""",
                "{\"name\": \"Support\", \"currency\": \"USD\", \"monthly_amount\": \"10\"}",
                "{\"name\": \"Support\", \"currency\": \"USD\", \"monthly_amount\": \"11\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replaceable")
    void shouldRequireTheCurrentEtagToReplace(final String collection, final String create, final String first,
                                             final String second) {
        final String code = unique("etag");
        final String path = collection + "/" + code;
        final TestHttp.Answer created = http.post(collection, ADMIN, create.formatted(code));
        assertEquals(201, created.status(), created.body());
        final String original = created.header("ETag").orElseThrow();
        assertEquals(original, http.get(path, ADMIN).header("ETag").orElseThrow(), "GET shows the ETag POST gave");

        final TestHttp.Answer missing = http.put(path, ADMIN, first, null);
        assertEquals(428, missing.status(), missing.body());
        assertEquals("Precondition required", missing.json().get("title").asText());
        assertTrue(missing.json().get("detail").asText().contains("GET " + path), missing.body());
        assertEquals(428, http.put(path, ADMIN, first, " ").status());
        final TestHttp.Answer wrong = http.put(path, ADMIN, first, "\"not-the-tag\"");
        assertEquals(412, wrong.status(), wrong.body());

        final TestHttp.Answer replaced = http.put(path, ADMIN, first, original);
        assertEquals(200, replaced.status(), replaced.body());
        final String next = replaced.header("ETag").orElseThrow();
        assertNotEquals(original, next, "a replaced definition has a new ETag");
        assertEquals(next, http.get(path, ADMIN).header("ETag").orElseThrow());

        final TestHttp.Answer stale = http.put(path, ADMIN, second, original);
        assertEquals(412, stale.status(), stale.body());
        assertEquals("Precondition failed", stale.json().get("title").asText());
        assertTrue(stale.json().get("detail").asText().contains(next), stale.body());

        assertEquals(200, http.put(path, ADMIN, second, "\"x\", " + next).status(), "any listed tag may match");
        assertEquals(200, http.put(path, ADMIN, first, "*").status(), "* replaces whatever is current");
        assertEquals(404, http.put(collection + "/nope-" + code, ADMIN, first, null).status(),
            "an unknown code is a 404 before any precondition");
    }
}
