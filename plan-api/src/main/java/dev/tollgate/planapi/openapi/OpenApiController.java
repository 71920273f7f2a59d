package dev.tollgate.planapi.openapi;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /openapi.yml}, without auth: the API's description is no secret, and clients generate code from it. */
@Controller("/openapi.yml")
@Requires(property = "tollgate.components.plan-api", value = "true")
public class OpenApiController {

    private final String document = OpenApiDocument.yaml(OpenApiController.class.getClassLoader());

    @Get
    public HttpResponse<String> document() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
