package dev.tollgate.http.request;

import dev.tollgate.http.json.JsonBodies;
import dev.tollgate.http.problem.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A route that logs on the controller's thread, and one that fails, for {@link RequestIdFilterTest}. */
@Requires(property = RequestIdFilterTest.ENABLING_PROPERTY, value = "true")
@Controller("/test")
public class LoggingController {

    static final Logger LOG = LoggerFactory.getLogger(LoggingController.class);

    @Get("/logged")
    public HttpResponse<String> logged() {
        LOG.info("answering on the controller thread");
        return JsonBodies.ok(Map.of("thread", Thread.currentThread().getName()));
    }

    @Get("/failing")
    public HttpResponse<String> failing() {
        throw ProblemException.conflict("this route always conflicts");
    }
}
