package dev.tollgate.local.hostile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.local.launch.LaunchSettings;
import dev.tollgate.local.launch.Tollgate;
import dev.tollgate.model.json.Json;
import dev.tollgate.testkit.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The served OpenAPI document against the server that serves it: the whole pipeline runs, the valid
 * request of every route (the hostile suite's list, which must cover every documented route) is sent,
 * and each request and answer is checked against the document. A route or answer the document does
 * not describe, or describes with another shape, fails here. The document also passes Redocly's lint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiConformanceTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private Tollgate tollgate;
    private TestHttp http;
    private String document;

    @BeforeAll
    void startTollgate() throws IOException {
        tollgate = Tollgate.start(LaunchSettings.fromEnvironment(Map.of(
            "TOLLGATE_HTTP_PORT", Integer.toString(freePort()),
            "TOLLGATE_KAFKA_PORT", Integer.toString(freePort()),
            "TOLLGATE_DATA_DIR", Files.createTempDirectory("tollgate-openapi").toString())));
        http = new TestHttp(tollgate.baseUrl());
        await().atMost(60, TimeUnit.SECONDS).until(() -> http.get("/health", null).status() == 200);
        final TestHttp.Answer answer = http.get("/openapi.yml", null);
        assertEquals(200, answer.status());
        document = answer.body();
    }

    @AfterAll
    void stopTollgate() {
        if (tollgate != null) {
            tollgate.close();
        }
    }

    @Test
    void shouldAnswerEveryRouteAsTheDocumentSays() throws Exception {
        final String admin = tollgate.settings().adminKey();
        final HttpProbes probes = new HttpProbes(new Hostile(1), ProbeFixture.create(http, admin,
            tollgate.settings().ingestKey()), admin, tollgate.settings().ingestKey());
        assertEquals(documentedRoutes(), new TreeSet<>(probes.routeNames()), "every documented route has a valid request");

        final OpenApiInteractionValidator validator = OpenApiInteractionValidator
            .createForInlineApiSpecification(document).build();
        final List<String> mismatches = new ArrayList<>();
        final Map<String, Set<Integer>> statuses = new TreeMap<>();
        for (final HttpProbes.Probe probe : probes.valid()) {
            final HttpResponse<String> response = CLIENT.send(probe.request(tollgate.baseUrl()),
                HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(probe.route(), r -> new TreeSet<>()).add(response.statusCode());
            final ValidationReport report = validator.validate(request(probe), response(response));
            if (report.hasErrors()) {
                mismatches.add(probe.route() + " -> " + response.statusCode() + " " + response.body() + "\n  "
                    + String.join("\n  ", report.getMessages().stream().map(ValidationReport.Message::toString).toList()));
            }
        }
        assertTrue(mismatches.isEmpty(), "requests or answers the document does not describe:\n"
            + String.join("\n", mismatches));
        statuses.forEach((route, seen) -> assertTrue(seen.stream().anyMatch(status -> status / 100 == 2),
            route + " answered its valid requests with " + seen + ", never a 2xx"));
    }

    @Test
    void shouldPassRedoclyLint() throws IOException {
        assumeTrue(RedoclyCli.available(), "npx and npm are not on the PATH, so the Redocly lint of the served "
            + "OpenAPI document is skipped; install Node.js to run it");
        final Path file = Files.writeString(Files.createTempDirectory("openapi").resolve("openapi.yml"), document);
        final RedoclyCli.Run lint = RedoclyCli.lint(file, Path.of("..", "redocly.yaml"));
        final JsonNode result = Json.mapper().readTree(lint.output());
        assertEquals(0, result.path("totals").path("errors").asInt(-1), lint.output());
        assertEquals(0, result.path("totals").path("warnings").asInt(-1), lint.output());
        assertEquals(0, lint.exitCode(), lint.output());
    }

    private Set<String> documentedRoutes() {
        final Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(document);
        final Set<String> routes = new TreeSet<>();
        @SuppressWarnings("unchecked")
        final Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) parsed.get("paths");
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
            .forEach(method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return routes;
    }

    private static Request request(final HttpProbes.Probe probe) {
        final int query = probe.path().indexOf('?');
        final SimpleRequest.Builder builder = new SimpleRequest.Builder(probe.method(),
            query < 0 ? probe.path() : probe.path().substring(0, query));
        if (query >= 0) {
            for (final String pair : probe.path().substring(query + 1).split("&")) {
                final String[] nameValue = pair.split("=", 2);
                builder.withQueryParam(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "",
                    StandardCharsets.UTF_8));
            }
        }
        if (probe.key() != null) {
            builder.withAuthorization("Bearer " + probe.key());
        }
        if (probe.contentType() != null) {
            builder.withContentType(probe.contentType());
        }
        if (probe.ifMatch() != null) {
            builder.withHeader("If-Match", probe.ifMatch());
        }
        if (probe.body() != null) {
            builder.withBody(new String(probe.body(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static SimpleResponse response(final HttpResponse<String> response) {
        final SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode())
            .withBody(response.body());
        response.headers().map().forEach((name, values) -> builder.withHeader(name, values));
        return builder.build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
