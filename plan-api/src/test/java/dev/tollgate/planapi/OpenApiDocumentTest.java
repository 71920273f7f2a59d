package dev.tollgate.planapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.TestHttp;
import dev.tollgate.testkit.TestServer;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The served OpenAPI document lists exactly the routes the server has, so it cannot fall behind them. */
class OpenApiDocumentTest {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = CatalogApi.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListEveryRouteOfTheServerAndNoOther() {
        final TestHttp.Answer answer = server.http().get("/openapi.yml", null);
        assertEquals(200, answer.status(), "served without a key");
        final Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(answer.body());
        assertEquals("3.0.3", document.get("openapi"));

        final Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
            .filter(OPERATIONS::contains)
            .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        // Micronaut answers HEAD wherever it answers GET; OpenAPI documents leave such HEADs implicit.
        final Set<String> served = server.context().getBean(Router.class).uriRoutes()
            .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
            .map(route -> route.getHttpMethod().name() + " " + route.getUriMatchTemplate().toString())
            .collect(Collectors.toCollection(TreeSet::new));

        assertTrue(served.contains("PUT /v1/plans/{code}"), served.toString());
        assertEquals(served, documented);
    }
}
