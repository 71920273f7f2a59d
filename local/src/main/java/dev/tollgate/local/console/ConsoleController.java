package dev.tollgate.local.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /console}: a read-only page for operators, and its script and style. The page holds no
 * data and no key: it asks for the admin key and reads the public API with it from the browser, so
 * it needs no key itself and shows nothing an admin key could not read.
 */
@Controller("/console")
public class ConsoleController {

    /** Only this origin's scripts, styles and API; no inline code, no framing. */
    private static final String CONTENT_SECURITY_POLICY =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
            + " frame-ancestors 'none'; form-action 'none'";

    private final String page = resource("index.html");
    private final String script = resource("console.js");
    private final String style = resource("console.css");

    @Get
    public HttpResponse<String> page() {
        return answer(page, MediaType.TEXT_HTML);
    }

    @Get("/console.js")
    public HttpResponse<String> script() {
        return answer(script, "text/javascript");
    }

    @Get("/console.css")
    public HttpResponse<String> style() {
        return answer(style, "text/css");
    }

    private static HttpResponse<String> answer(final String body, final String type) {
        return HttpResponse.ok(body)
            .contentType(MediaType.of(type + ";charset=utf-8"))
            .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .header("X-Content-Type-Options", "nosniff")
            .header("Referrer-Policy", "no-referrer");
    }

    private static String resource(final String name) {
        try (InputStream in = ConsoleController.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console/" + name, e);
        }
    }
}
