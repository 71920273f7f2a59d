package dev.tollgate.rater.query;

import dev.tollgate.http.auth.ApiKeyFilter;
import dev.tollgate.http.request.RequestId;
import dev.tollgate.http.auth.InstanceSecret;
import dev.tollgate.rater.runtime.RaterProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Passes a customer request on to the instance that owns the customer and relays its answer as it
 * came: status, body, content type and Retry-After. The owner's 404 or 503 is the answer; only an
 * owner that cannot be reached in time turns into a 503 of our own.
 *
 * <p>The caller's API key is not passed on: the owner gets the {@link InstanceSecret} and the kind of key
 * this instance authenticated, and checks the route against that kind as if the caller had come to it.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class OwnerForwarder {

    /** Marks a request one instance sent another; its value is the sender's advertised endpoint. */
    public static final String FORWARDED_HEADER = "X-Tollgate-Forwarded";

    private final HttpClient client;
    private final Duration timeout;
    private final String self;
    private final InstanceSecret instanceSecret;

    @Inject
    public OwnerForwarder(final RaterProperties rater, final InstanceSecret instanceSecret) {
        this(rater.queryForwardTimeout(), rater.advertisedEndpoint(), instanceSecret);
    }

    OwnerForwarder(final Duration timeout, final String advertisedEndpoint, final InstanceSecret instanceSecret) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.self = advertisedEndpoint;
        this.instanceSecret = instanceSecret;
    }

    /** How long a forwarded query may take. */
    Duration timeout() {
        return timeout;
    }

    static boolean wasForwarded(final HttpRequest<?> request) {
        return request.getHeaders().contains(FORWARDED_HEADER);
    }

    /**
     * Sends the request on with its method, path and query, and {@code body} when it has one.
     *
     * @param answerWithin how long the owner may take: longer than the usual bound for requests
     *                     that wait on the rater themselves
     */
    public HttpResponse<String> forward(final HttpRequest<?> request, final HostInfo owner, final byte[] body,
                                        final Duration answerWithin) {
        final java.net.http.HttpRequest.Builder outbound = outbound(request, owner, request.getUri().getRawPath())
            .timeout(answerWithin);
        if (body == null) {
            outbound.method(request.getMethodName(), java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            outbound.method(request.getMethodName(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            request.getContentType().ifPresent(type -> outbound.header(HttpHeaders.CONTENT_TYPE, type.toString()));
        }
        return send(outbound, owner);
    }

    public HttpResponse<String> forward(final HttpRequest<?> request, final HostInfo owner) {
        return forward(request, owner, null, timeout);
    }

    /**
     * Asks {@code peer} for another route than the one being answered, e.g. a subscription's
     * statements while refunding one of them.
     *
     * @param rawPath the route's path, percent-encoded as it is to be sent
     */
    public HttpResponse<String> get(final HttpRequest<?> request, final HostInfo peer, final String rawPath) {
        return send(outbound(request, peer, rawPath).GET(), peer);
    }

    private java.net.http.HttpRequest.Builder outbound(final HttpRequest<?> request, final HostInfo owner,
                                                       final String rawPath) {
        final java.net.http.HttpRequest.Builder outbound = java.net.http.HttpRequest.newBuilder(
                target(owner, rawPath, request.getUri().getRawQuery()))
            .timeout(timeout)
            .header(FORWARDED_HEADER, self);
        instanceSecret.headers(ApiKeyFilter.authenticatedKind(request)).forEach(outbound::header);
        // The owner takes it as its own, so one id finds the request's log lines on both instances.
        RequestId.of(request).ifPresent(id -> outbound.header(RequestId.HEADER, id));
        return outbound;
    }

    private HttpResponse<String> send(final java.net.http.HttpRequest.Builder outbound, final HostInfo owner) {
        final java.net.http.HttpResponse<String> answer;
        try {
            answer = client.send(outbound.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw RaterStores.notReady("the owner of this customer at " + owner.host() + ":" + owner.port()
                + " did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RaterStores.notReady("interrupted while asking the owner of this customer");
        }
        final MutableHttpResponse<String> relayed = HttpResponse.<String>status(HttpStatus.valueOf(answer.statusCode()))
            .body(answer.body());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(relayed::contentType);
        answer.headers().firstValue(HttpHeaders.RETRY_AFTER)
            .ifPresent(value -> relayed.header(HttpHeaders.RETRY_AFTER, value));
        return relayed;
    }

    private static URI target(final HostInfo owner, final String rawPath, final String rawQuery) {
        final String host = owner.host().contains(":") ? "[" + owner.host() + "]" : owner.host();
        return URI.create("http://" + host + ":" + owner.port() + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
    }
}
