package dev.tollgate.http.request;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;

/**
 * Gives every request its {@link RequestId} before any other filter runs (so the API key filter's
 * 401 carries it too) and sets it on every answer. The MDC entry goes into Micronaut's propagated
 * context rather than straight into {@code MDC}: with {@code thread-selection: BLOCKING} the
 * controller runs on another thread than this filter, and the propagated context is what Micronaut
 * carries over to it (and clears after).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    public void assign(final HttpRequest<?> request, final MutablePropagatedContext context) {
        final String id = RequestId.acceptOrGenerate(request.getHeaders().get(RequestId.HEADER));
        RequestId.attach(request, id);
        context.add(new MdcPropagationContext(Map.of(RequestId.MDC_KEY, id)));
    }

    @ResponseFilter
    public void echo(final HttpRequest<?> request, final MutableHttpResponse<?> response) {
        RequestId.of(request).ifPresent(id -> response.getHeaders().set(RequestId.HEADER, id));
    }
}
