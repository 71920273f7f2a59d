package dev.tollgate.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyFilterTest {

    private static final String ADMIN_KEY = "admin-key-1";
    private static final String INGEST_KEY = "ingest-key-1";

    private final InstanceSecret instanceSecret = new InstanceSecret(new KeyProperties(ADMIN_KEY, INGEST_KEY, null));
    private final ApiKeyFilter filter = new ApiKeyFilter(new ApiKeys(new KeyProperties(ADMIN_KEY, INGEST_KEY, null)), instanceSecret);

    @Test
    void shouldLetABearerKeyThroughWithItsKind() {
        final MutableHttpRequest<?> request = HttpRequest.GET("/v1/customers/acme/usage")
            .header("Authorization", "Bearer " + INGEST_KEY);

        assertNull(filter.authenticate(request));
        assertEquals(KeyKind.INGEST, ApiKeyFilter.authenticatedKind(request));
    }

    @Test
    void shouldKeepGrantingCreditToTheAdminKey() {
        final MutableHttpRequest<?> ingest = HttpRequest.POST("/v1/customers/acme/credit-grants", "{}")
            .header("Authorization", "Bearer " + INGEST_KEY);
        assertEquals(403, status(ingest));
        assertNull(filter.authenticate(HttpRequest.POST("/v1/customers/acme/credit-grants", "{}")
            .header("Authorization", "Bearer " + ADMIN_KEY)));
        assertNull(filter.authenticate(HttpRequest.GET("/v1/customers/acme/credits")
            .header("Authorization", "Bearer " + INGEST_KEY)), "the balance is a customer read");
    }

    @Test
    void shouldAcceptTheInstanceSecretWithTheKindItNames() {
        final MutableHttpRequest<?> request = forwarded("/v1/customers/acme/usage", instanceSecret, KeyKind.INGEST);

        assertNull(filter.authenticate(request));
        assertEquals(KeyKind.INGEST, ApiKeyFilter.authenticatedKind(request));
        final MutableHttpRequest<?> admin = forwarded("/v1/subscriptions/s1/statements", instanceSecret, KeyKind.ADMIN);
        assertNull(filter.authenticate(admin));
        assertEquals(KeyKind.ADMIN, ApiKeyFilter.authenticatedKind(admin));
    }

    @Test
    void shouldAnswer401ToAWrongSecret() {
        final InstanceSecret otherDeployment = new InstanceSecret(new KeyProperties("another-admin-key", INGEST_KEY, null));

        assertEquals(401, status(forwarded("/v1/customers/acme/usage", otherDeployment, KeyKind.INGEST)));
        assertEquals(401, status(HttpRequest.GET("/v1/customers/acme/usage")
            .header(InstanceSecret.TOKEN_HEADER, "00ff").header(InstanceSecret.KIND_HEADER, "admin")));
    }

    @Test
    void shouldAnswer401ToASecretWithoutAKnownKind() {
        final String token = instanceSecret.headers(KeyKind.ADMIN).get(InstanceSecret.TOKEN_HEADER);

        assertEquals(401, status(HttpRequest.GET("/v1/customers/acme/usage").header(InstanceSecret.TOKEN_HEADER, token)));
        assertEquals(401, status(HttpRequest.GET("/v1/customers/acme/usage").header(InstanceSecret.TOKEN_HEADER, token)
            .header(InstanceSecret.KIND_HEADER, "root")));
    }

    @Test
    void shouldNotFallBackToTheBearerKeyWhenTheSecretIsForged() {
        final MutableHttpRequest<?> request = HttpRequest.GET("/v1/customers/acme/usage")
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .header(InstanceSecret.TOKEN_HEADER, "forged").header(InstanceSecret.KIND_HEADER, "admin");

        assertEquals(401, status(request));
    }

    @Test
    void shouldAnswer403ToTheSecretForAnAdminRouteWithKindIngest() {
        final HttpResponse<?> answer = filter.authenticate(forwarded("/v1/subscriptions/s1/refunds", instanceSecret,
            KeyKind.INGEST));

        assertEquals(403, answer.code());
        assertTrue(answer.getBody(String.class).orElseThrow().contains("takes an admin key, not an ingest key"));
    }

    @Test
    void shouldAnswer401WithoutKeyOrSecret() {
        final HttpResponse<?> answer = filter.authenticate(HttpRequest.GET("/v1/customers/acme/usage"));

        assertEquals(401, answer.code());
        assertEquals("Bearer", answer.getHeaders().get("WWW-Authenticate"));
    }

    @Test
    void shouldAgreeOnTheSecretAcrossInstancesThatShareTheAdminKeyOrTheConfiguredSecret() {
        assertEquals(instanceSecret.headers(KeyKind.ADMIN), new InstanceSecret(new KeyProperties(ADMIN_KEY, INGEST_KEY, null)).headers(KeyKind.ADMIN));
        assertEquals(new InstanceSecret(new KeyProperties("a", INGEST_KEY, "shared")).headers(KeyKind.ADMIN),
            new InstanceSecret(new KeyProperties("b", INGEST_KEY, "shared")).headers(KeyKind.ADMIN));
        final Map<String, String> headers = instanceSecret.headers(KeyKind.ADMIN);
        assertTrue(headers.values().stream().noneMatch(value -> value.contains(ADMIN_KEY)),
            "the admin key itself is not sent: " + headers);
        assertTrue(!new InstanceSecret(new KeyProperties(ADMIN_KEY, INGEST_KEY, "configured")).headers(KeyKind.ADMIN).equals(headers),
            "a configured secret replaces the one derived from the admin key");
    }

    private int status(final HttpRequest<?> request) {
        final HttpResponse<?> answer = filter.authenticate(request);
        return answer == null ? 200 : answer.code();
    }

    private static MutableHttpRequest<?> forwarded(final String path, final InstanceSecret secret, final KeyKind kind) {
        final MutableHttpRequest<?> request = HttpRequest.GET(path);
        secret.headers(kind).forEach(request::header);
        return request;
    }
}
