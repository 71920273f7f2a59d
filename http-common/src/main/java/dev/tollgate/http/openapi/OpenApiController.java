package dev.tollgate.http.openapi;

import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /openapi.yml}, without auth: the API's description is no secret, and clients generate
 * code from it. It holds the parts of the components this process runs.
 */
@Controller("/openapi.yml")
public class OpenApiController {

    private final String document;

    public OpenApiController(final Environment environment) {
        this.document = OpenApiDocument.yaml(OpenApiController.class.getClassLoader(), part -> switch (part) {
            case "plan-api", "ingest", "rater" ->
                environment.getProperty("tollgate.components." + part, Boolean.class).orElse(false);
            default -> true;
        });
    }

    @Get
    public HttpResponse<String> document() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
